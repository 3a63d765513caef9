import { createTranslator } from "next-intl";
import type { ApiError, ErrorBody, MessageRef } from "../http/errors.ts";
import { loadMessages } from "./catalogue.ts";
import type { Locale } from "./locales.ts";
import { negotiateLocale } from "./negotiate.ts";

type Translate = (key: string, values?: Record<string, string | number>) => string;

function render(t: Translate, ref: MessageRef): string {
  const values = Object.fromEntries(Object.entries(ref.values ?? {}).map(([name, v]) => [name, typeof v === "object" ? render(t, v) : v]));
  return t(ref.key, values);
}

/** A message of the errors catalogue, its nested messages rendered first. */
export async function renderErrorMessage(locale: Locale, ref: MessageRef): Promise<string> {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "errors" }) as unknown as Translate;
  return render(t, ref);
}

/**
 * The error's answer with its message in the request's language. Codes,
 * fields and their keys never change: scripts read those. English is the
 * language errors are raised in, so an English answer is the error as raised.
 */
export async function localizedErrorBody(error: ApiError, acceptLanguage: string | null): Promise<ErrorBody> {
  const body = error.toBody();
  const locale = negotiateLocale(acceptLanguage);
  if (locale === "en" || !error.localized) return body;
  return { error: { ...body.error, message: await renderErrorMessage(locale, error.localized) } };
}
