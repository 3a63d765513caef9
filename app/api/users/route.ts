import * as endpoints from "@/lib/api/endpoints/users.ts";
import { handle } from "@/lib/http/route.ts";
import * as users from "@/lib/users/service.ts";

export const GET = handle(endpoints.listUsers, async ({ query, runtime }) => users.listUsers(runtime.db, query));

export const POST = handle(endpoints.createUser, async ({ body, runtime }) => users.createUser(runtime.db, runtime.controller, body));
