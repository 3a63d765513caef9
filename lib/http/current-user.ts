import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { findSessionUser, SESSION_COOKIE, type SessionUser } from "../auth/sessions.ts";
import { getRuntime } from "../server/runtime.ts";
import { PAGE_PATH_HEADER } from "./safe-redirect.ts";

/** For server components: the signed-in admin, or a redirect to sign-in that comes back here. */
export async function requireUser(): Promise<SessionUser> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = await findSessionUser((await getRuntime()).db, token);
  if (!user) {
    const page = (await headers()).get(PAGE_PATH_HEADER);
    redirect(page && page !== "/" ? `/login?next=${encodeURIComponent(page)}` : "/login");
  }
  return user;
}
