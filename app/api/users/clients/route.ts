import * as endpoints from "@/lib/api/endpoints/clients.ts";
import * as clients from "@/lib/clients/service.ts";
import { handle } from "@/lib/http/route.ts";

export const POST = handle(endpoints.setClients, async ({ body, runtime }) => clients.setClients(runtime.db, runtime.clients, body));
