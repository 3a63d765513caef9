import * as endpoints from "@/lib/api/endpoints/accounts.ts";
import { createAccount, listAccounts } from "@/lib/auth/accounts.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.listAccounts, async ({ runtime }) => listAccounts(runtime.db));

export const POST = handle(endpoints.createAccount, async ({ runtime, body, audit }) => {
  const account = await createAccount(runtime.db, body);
  audit.after = account;
  return account;
});
