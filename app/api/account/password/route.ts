import * as endpoints from "@/lib/api/endpoints/accounts.ts";
import { changeOwnPassword } from "@/lib/auth/accounts.ts";
import { handle } from "@/lib/http/route.ts";

export const PUT = handle(endpoints.changeOwnPassword, async ({ runtime, user, session, body }) => {
  await changeOwnPassword(runtime.db, user, session.key, body);
  return { ok: true as const };
});
