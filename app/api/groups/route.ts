import * as endpoints from "@/lib/api/endpoints/groups.ts";
import * as groups from "@/lib/groups/service.ts";
import { haSummary } from "@/lib/ha/summary.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(endpoints.listGroups, async ({ query, runtime }) => {
  const page = await groups.listGroups(runtime.db, query);
  return { ...page, items: page.items.map((g) => ({ ...g, haState: haSummary(runtime.controller, g.id) })) };
});

export const POST = handle(endpoints.createGroup, async ({ body, runtime, user }) =>
  runtime.controller.changeGroups(user.username, () => groups.createGroup(runtime.db, body)),
);
