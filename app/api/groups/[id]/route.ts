import * as endpoints from "@/lib/api/endpoints/groups.ts";
import { changeGroup, removeGroup } from "@/lib/groups/changes.ts";
import * as groups from "@/lib/groups/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.getGroup, async ({ params, runtime }) => groups.getGroup(runtime.db, params.id));

export const PATCH = handle(endpoints.updateGroup, async ({ params, body, runtime, user, audit }) => {
  audit.before = await groups.getGroup(runtime.db, params.id);
  const after = await changeGroup(runtime.db, runtime.controller, user.username, params.id, body);
  audit.after = after;
  return after;
});

export const DELETE = handle(endpoints.deleteGroup, async ({ params, query, runtime, user, audit }) => {
  audit.before = await groups.getGroup(runtime.db, params.id);
  await removeGroup(runtime.db, runtime.controller, user.username, params.id, query.version);
  return null;
});
