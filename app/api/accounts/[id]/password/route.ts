import * as endpoints from "@/lib/api/endpoints/accounts.ts";
import { resetPassword } from "@/lib/auth/accounts.ts";
import { handle } from "@/lib/http/route.ts";

export const PUT = handle(endpoints.resetAccountPassword, async ({ runtime, params, body }) => {
  await resetPassword(runtime.db, params.id, body.password);
  return { ok: true as const };
});
