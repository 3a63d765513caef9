import { getDrillRun } from "@/lib/api/endpoints/planning.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(getDrillRun, ({ params, runtime }) => runtime.drills.result(params.id));
