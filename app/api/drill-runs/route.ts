import { listDrillRuns } from "@/lib/api/endpoints/planning.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(listDrillRuns, async ({ query, runtime }) => ({ items: await runtime.drills.list(query.group) }));
