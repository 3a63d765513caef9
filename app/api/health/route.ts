import { health } from "@/lib/api/endpoints/system.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(health, async ({ runtime }) => ({ status: "ok" as const, database: runtime.database }));
