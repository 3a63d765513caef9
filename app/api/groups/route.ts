import * as endpoints from "@/lib/api/endpoints/groups.ts";
import * as groups from "@/lib/groups/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.listGroups, async ({ query, runtime }) => groups.listGroups(runtime.db, query));
export const POST = handle(endpoints.createGroup, async ({ body, runtime }) => groups.createGroup(runtime.db, body));
