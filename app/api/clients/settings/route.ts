import * as endpoints from "@/lib/api/endpoints/clients.ts";
import * as clients from "@/lib/clients/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.getClientSettings, async ({ runtime }) => clients.clientSettings(runtime.db));

export const PUT = handle(endpoints.setClientSettings, async ({ body, runtime }) => clients.setClientSettings(runtime.db, runtime.clients, body));
