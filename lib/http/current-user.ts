import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { findSessionUser, SESSION_COOKIE, type SessionUser } from "../auth/sessions.ts";
import { getRuntime } from "../server/runtime.ts";

/** For server components: the signed-in admin, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = await findSessionUser((await getRuntime()).db, token);
  if (!user) redirect("/login");
  return user;
}
