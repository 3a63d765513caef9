import * as endpoints from "@/lib/api/endpoints/alerts.ts";
import * as alerts from "@/lib/alerts/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.listAlerts, async ({ query, runtime }) => alerts.listAlerts(runtime.db, query));
