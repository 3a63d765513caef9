import * as endpoints from "@/lib/api/endpoints/clients.ts";
import * as clients from "@/lib/clients/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.getClientCounters, async ({ query, runtime }) =>
  clients.counters(runtime.clients, runtime.controller.clock.now(), query.group),
);
