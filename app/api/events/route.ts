import { listEvents } from "@/lib/api/endpoints/ha.ts";
import * as views from "@/lib/ha/views.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(listEvents, async ({ query, runtime }) => views.listEvents(runtime.db, query));
