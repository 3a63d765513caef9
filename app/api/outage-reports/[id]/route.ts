import * as endpoints from "@/lib/api/endpoints/clients.ts";
import * as clients from "@/lib/clients/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.getOutageReport, async ({ params, runtime }) => clients.getOutageReport(runtime.db, params.id));
