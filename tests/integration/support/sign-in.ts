import * as session from "@/app/api/session/route.ts";
import { call, cookieFrom } from "./call.ts";
import { TEST_ADMIN_PASSWORD } from "./test-runtime.ts";

/** Signs the bootstrap admin in and returns the session cookie. */
export async function signInAsAdmin(): Promise<string> {
  const answer = await call(session.POST, {
    method: "POST",
    path: "/api/session",
    body: { username: "admin", password: TEST_ADMIN_PASSWORD },
  });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return cookieFrom(answer);
}
