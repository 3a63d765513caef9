import * as endpoints from "@/lib/api/endpoints/clients.ts";
import * as clients from "@/lib/clients/service.ts";
import { handle } from "@/lib/http/route.ts";

export const PUT = handle(endpoints.setUserClient, async ({ params, body, runtime }) => clients.setClient(runtime.db, runtime.clients, params.id, body));
