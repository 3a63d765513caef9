import { listScheduledActions, scheduleAction } from "@/lib/api/endpoints/planning.ts";
import { handle } from "@/lib/http/route.ts";
import { listScheduled, scheduleAction as schedule } from "@/lib/schedule/service.ts";

export const GET = handle(listScheduledActions, ({ params, runtime }) => listScheduled(runtime.db, runtime.controller, params.id));

export const POST = handle(scheduleAction, ({ params, body, runtime, user }) =>
  schedule(runtime.db, runtime.controller, runtime.scheduler, params.id, body, user.username),
);
