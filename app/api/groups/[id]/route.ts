import * as endpoints from "@/lib/api/endpoints/groups.ts";
import * as groups from "@/lib/groups/service.ts";
import { handle } from "@/lib/http/route.ts";
import type { GroupView } from "@/lib/schemas/groups.ts";

export const GET = handle(endpoints.getGroup, async ({ params, runtime }) => groups.getGroup(runtime.db, params.id));

export const PATCH = handle(endpoints.updateGroup, async ({ params, body, runtime, user, audit }) => {
  audit.before = await groups.getGroup(runtime.db, params.id);
  const after = (await runtime.command({ kind: "updateGroup", actor: user.username, id: params.id, patch: body })) as GroupView;
  audit.after = after;
  return after;
});

export const DELETE = handle(endpoints.deleteGroup, async ({ params, query, runtime, user, audit }) => {
  audit.before = await groups.getGroup(runtime.db, params.id);
  await runtime.command({ kind: "deleteGroup", actor: user.username, id: params.id, version: query.version });
  return null;
});
