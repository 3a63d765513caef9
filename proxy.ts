import { NextResponse, type NextRequest } from "next/server";
import { pageCsp } from "./lib/http/security-headers.ts";
import { PAGE_PATH_HEADER } from "./lib/http/safe-redirect.ts";

/**
 * Pages cannot read their own URL on the server; sign-in needs it to bring
 * the administrator back to the page asked for, so it is passed on here.
 * Each page also gets a fresh CSP nonce: Next.js reads the policy from the
 * request and puts the nonce on the scripts it renders.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set(PAGE_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|axl|metrics|favicon.ico|icon).*)"],
};
