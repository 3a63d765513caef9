import * as endpoints from "@/lib/api/endpoints/groups.ts";
import { changeGroup, removeGroup } from "@/lib/groups/changes.ts";
import * as groups from "@/lib/groups/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.getGroup, async ({ params, runtime }) => groups.getGroup(runtime.db, params.id));

export const PATCH = handle(endpoints.updateGroup, async ({ params, body, runtime, user }) =>
  changeGroup(runtime.db, runtime.controller, user.username, params.id, body),
);

export const DELETE = handle(endpoints.deleteGroup, async ({ params, query, runtime, user }) => {
  await removeGroup(runtime.db, runtime.controller, user.username, params.id, query.version);
  return null;
});
