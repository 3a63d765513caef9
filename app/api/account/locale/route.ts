import * as endpoints from "@/lib/api/endpoints/accounts.ts";
import { saveAccountLocale } from "@/lib/i18n/account-locale.ts";
import { handle } from "@/lib/http/route.ts";

export const PUT = handle(endpoints.setOwnLocale, async ({ runtime, user, body }) => {
  await saveAccountLocale(runtime.db, user.id, body.locale);
  return { ok: true as const };
});
