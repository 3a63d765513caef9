import * as endpoints from "@/lib/api/endpoints/accounts.ts";
import { deleteAccount, updateAccount } from "@/lib/auth/accounts.ts";
import { closeEventStreams } from "@/lib/http/event-streams.ts";
import { handle } from "@/lib/http/route.ts";

export const PATCH = handle(endpoints.updateAccount, async ({ runtime, user, params, body, audit }) => {
  const { before, after } = await updateAccount(runtime.db, user, params.id, body);
  audit.before = before;
  audit.after = after;
  return after;
});

export const DELETE = handle(endpoints.deleteAccount, async ({ runtime, user, params, audit }) => {
  audit.before = await deleteAccount(runtime.db, user, params.id);
  return null;
});
