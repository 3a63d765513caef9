import { haOverview } from "@/lib/api/endpoints/ha.ts";
import { withUserCounts } from "@/lib/ha/views.ts";
import { handle } from "@/lib/http/route.ts";
import { listNodesInNoGroup } from "@/lib/inventory/nodes.ts";

export const GET = handle(haOverview, async ({ runtime }) => {
  const { controller } = runtime;
  const [groups, nodesInNoGroup] = await Promise.all([
    withUserCounts(runtime.db, controller.allStatuses().filter((s) => s.groupId !== null)),
    listNodesInNoGroup(runtime.db),
  ]);
  return { labNow: controller.clock.now(), speed: controller.labSettings.speed, groups, nodesInNoGroup };
});
