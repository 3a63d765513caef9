import { cancelScheduledAction } from "@/lib/api/endpoints/planning.ts";
import { handle } from "@/lib/http/route.ts";
import { cancelScheduled } from "@/lib/schedule/service.ts";

export const DELETE = handle(cancelScheduledAction, ({ params, runtime }) => cancelScheduled(runtime.db, runtime.scheduler, params.id));
