import { cookies, headers } from "next/headers";
import { SESSION_COOKIE } from "../auth/sessions.ts";
import { getRuntime } from "../server/runtime.ts";
import { sessionLocale } from "./account-locale.ts";
import type { Locale } from "./locales.ts";
import { negotiateLocale } from "./negotiate.ts";

/** The language of this page request: the signed-in account's choice, else the browser's. */
export async function requestLocale(): Promise<Locale> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const saved = token ? await sessionLocale((await getRuntime()).db, token) : null;
  return saved ?? negotiateLocale((await headers()).get("accept-language"));
}
