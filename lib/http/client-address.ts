import type { NextRequest } from "next/server";

/** The client's address as the nearest proxy reports it, for throttling only. */
export function clientAddress(request: NextRequest): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "direct";
}
