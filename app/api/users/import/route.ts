import * as endpoints from "@/lib/api/endpoints/users.ts";
import { handle } from "@/lib/http/route.ts";
import * as users from "@/lib/users/service.ts";

export const POST = handle(endpoints.importUsers, async ({ body, runtime }) => users.importUsers(runtime.db, runtime.controller, body.csv, runtime.importSlice));
