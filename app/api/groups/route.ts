import * as endpoints from "@/lib/api/endpoints/groups.ts";
import * as groups from "@/lib/groups/service.ts";
import { summarizeHa } from "@/lib/ha/summary.ts";
import { handle } from "@/lib/http/route.ts";
import type { GroupView } from "@/lib/schemas/groups.ts";

export const GET = handle(endpoints.listGroups, async ({ query, runtime }) => {
  const page = await groups.listGroups(runtime.db, query);
  const { controller } = runtime;
  const haState = (id: number) => (controller.knowsGroup(id) ? summarizeHa(controller.groupStatus(id)) : null);
  return { ...page, items: page.items.map((g) => ({ ...g, haState: haState(g.id) })) };
});

export const POST = handle(
  endpoints.createGroup,
  async ({ body, runtime, user }) => (await runtime.command({ kind: "createGroup", actor: user.username, input: body })) as GroupView,
);
