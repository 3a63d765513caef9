import { abandonDrillRun } from "@/lib/api/endpoints/planning.ts";
import { handle } from "@/lib/http/route.ts";

export const POST = handle(abandonDrillRun, ({ params, runtime, user }) => runtime.drills.abandon(params.id, user.username));
