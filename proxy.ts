import { NextResponse, type NextRequest } from "next/server";
import { PAGE_PATH_HEADER } from "./lib/http/safe-redirect.ts";

/**
 * Pages cannot read their own URL on the server; sign-in needs it to bring
 * the administrator back to the page asked for, so it is passed on here.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PAGE_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|login|favicon.ico|icon).*)"],
};
