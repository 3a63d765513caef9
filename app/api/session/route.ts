import { NextResponse } from "next/server";
import * as endpoints from "@/lib/api/endpoints/session.ts";
import { signIn, signOut } from "@/lib/auth/sessions.ts";
import { recordSignInFailure, recordSignInSuccess, signInBlockedFor } from "@/lib/auth/throttle.ts";
import { ApiError, keyedError } from "@/lib/http/errors.ts";
import { closeEventStreams } from "@/lib/http/event-streams.ts";
import { handle } from "@/lib/http/route.ts";
import { clientAddress } from "@/lib/http/client-address.ts";
import { clearSessionCookie, sessionToken, setSessionCookie } from "@/lib/http/session-cookie.ts";

export const POST = handle(endpoints.signIn, async ({ body, runtime, request, session: previous, audit }) => {
  audit.username = body.username;
  const address = clientAddress(request);
  const wait = await signInBlockedFor(runtime.db, address, body.username);
  if (wait > 0) {
    throw keyedError("too_many_requests", { key: "api.tooManySignIns", values: { minutes: String(Math.ceil(wait / 60)) } });
  }
  const session = await signIn(runtime.db, body.username, body.password);
  if (!session) {
    await recordSignInFailure(runtime.db, address, body.username);
    throw new ApiError("unauthorized", "Invalid user ID or password").withMessage("api.badCredentials");
  }
  await recordSignInSuccess(runtime.db, address, body.username);
  // Rotation: the session this browser held before (another account's, or a planted one) ends here.
  if (previous && !previous.key.startsWith("api-token:")) {
    await signOut(runtime.db, sessionToken(request));
    closeEventStreams(previous.key);
  }
  const response = NextResponse.json({ user: session.user });
  setSessionCookie(response, request, session.token, session.expiresAt);
  return response;
});

export const GET = handle(endpoints.currentSession, async ({ user }) => ({ user }));

export const DELETE = handle(endpoints.signOut, async ({ runtime, request, session }) => {
  await signOut(runtime.db, sessionToken(request));
  closeEventStreams(session.key);
  const response = NextResponse.json({ ok: true });
  clearSessionCookie(response);
  return response;
});
