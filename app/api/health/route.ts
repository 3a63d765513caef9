import { health } from "@/lib/api/endpoints/system.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(health, async ({ runtime }) => {
  const h = runtime.health();
  if (h.status !== "ok") {
    throw new ApiError("unavailable", `This console instance has not reached its database for ${h.lastCheckAgeMs ?? "?"} ms: it cannot serve`, undefined, h);
  }
  return { ...h, status: "ok" as const };
});
