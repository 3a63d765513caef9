import * as endpoints from "@/lib/api/endpoints/users.ts";
import { handle } from "@/lib/http/route.ts";
import * as users from "@/lib/users/service.ts";

export const DELETE = handle(endpoints.deleteUser, async ({ params, runtime }) => {
  await users.deleteUser(runtime.db, params.id);
  return null;
});
