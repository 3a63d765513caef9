import { getTopology } from "@/lib/api/endpoints/users.ts";
import { handle } from "@/lib/http/route.ts";
import { topology } from "@/lib/users/service.ts";

export const GET = handle(getTopology, async ({ runtime }) => topology(runtime.db, runtime.controller));
