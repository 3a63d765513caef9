import type { NextRequest, NextResponse } from "next/server";
import { SESSION_COOKIE } from "../auth/sessions.ts";

export function setSessionCookie(response: NextResponse, request: NextRequest, token: string, expires: Date) {
  response.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    // The lab console is often served over plain http on a trusted host. The front door sets
    // X-Forwarded-Proto on a TLS connection; a client that forges "https" only loses its own cookie.
    secure: request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https",
    path: "/",
    expires,
  });
}

export function clearSessionCookie(response: NextResponse) {
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
}

export function sessionToken(request: NextRequest): string | undefined {
  return request.cookies.get(SESSION_COOKIE)?.value;
}
