import * as endpoints from "@/lib/api/endpoints/alerts.ts";
import * as alerts from "@/lib/alerts/service.ts";
import { handle } from "@/lib/http/route.ts";

export const POST = handle(endpoints.acknowledgeAlert, async ({ params, user, runtime }) =>
  alerts.acknowledgeAlert(runtime.db, params.id, user.username),
);
