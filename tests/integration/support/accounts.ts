import * as session from "@/app/api/session/route.ts";
import { createAccount } from "@/lib/auth/accounts.ts";
import type { Role } from "@/lib/auth/roles.ts";
import type { Db } from "@/lib/db/client.ts";
import { call, cookieFrom } from "./call.ts";

export const ROLE_PASSWORD = "correct horse battery staple";

/** Creates an account of the role and signs it in; returns its id and session cookie. */
export async function accountWithRole(db: Db, username: string, role: Role): Promise<{ id: number; cookie: string }> {
  const account = await createAccount(db, { username, role, password: ROLE_PASSWORD });
  return { id: account.id, cookie: await signInAs(username) };
}

export async function signInAs(username: string, password = ROLE_PASSWORD): Promise<string> {
  const answer = await call(session.POST, { method: "POST", path: "/api/session", body: { username, password } });
  if (answer.status !== 200) throw new Error(`sign-in of ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return cookieFrom(answer);
}
