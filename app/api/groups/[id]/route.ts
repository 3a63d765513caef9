import * as endpoints from "@/lib/api/endpoints/groups.ts";
import * as groups from "@/lib/groups/service.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.getGroup, async ({ params, runtime }) => groups.getGroup(runtime.db, params.id));

// Turning HA off, or deleting a group with HA on, is refused while a node is
// failed over: its users would be left on the peer.
export const PATCH = handle(endpoints.updateGroup, async ({ params, body, runtime, user }) =>
  runtime.controller.changeGroups(
    user.username,
    () => groups.updateGroup(runtime.db, params.id, body),
    (machineOf) => {
      const m = machineOf(params.id);
      if (body.haEnabled === false && m.g.haEnabled) m.disableHa();
    },
  ),
);

export const DELETE = handle(endpoints.deleteGroup, async ({ params, query, runtime, user }) => {
  await runtime.controller.changeGroups(
    user.username,
    () => groups.deleteGroup(runtime.db, params.id, query.version),
    (machineOf) => {
      const m = machineOf(params.id);
      if (m.g.haEnabled) m.disableHa();
    },
  );
  return null;
});
