import type { Db } from "../db/client.ts";
import { checkCredentials, type SessionUser } from "../auth/sessions.ts";
import { recordSignInFailure, recordSignInSuccess, signInBlockedFor } from "../auth/throttle.ts";

export type BasicAuthResult = { user: SessionUser } | { refused: "missing" | "wrong" | "throttled" };

/**
 * AXL authenticates every request with HTTP Basic and a console account; the
 * sign-in throttle applies, so guessing passwords here is no cheaper than on
 * the sign-in page.
 */
export async function basicAuth(db: Db, header: string | null, address: string): Promise<BasicAuthResult> {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return { refused: "missing" };
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return { refused: "wrong" };
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if ((await signInBlockedFor(db, address, username)) > 0) return { refused: "throttled" };
  const user = await checkCredentials(db, username, password);
  if (!user) {
    await recordSignInFailure(db, address, username);
    return { refused: "wrong" };
  }
  await recordSignInSuccess(db, address, username);
  return { user };
}
