import * as endpoints from "@/lib/api/endpoints/groups.ts";
import * as groups from "@/lib/groups/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.getGroup, async ({ params, runtime }) => groups.getGroup(runtime.db, params.id));
export const PATCH = handle(endpoints.updateGroup, async ({ params, body, runtime }) =>
  groups.updateGroup(runtime.db, params.id, body),
);
export const DELETE = handle(endpoints.deleteGroup, async ({ params, query, runtime }) => {
  await groups.deleteGroup(runtime.db, params.id, query.version);
  return null;
});
