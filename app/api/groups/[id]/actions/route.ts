import { groupAction } from "@/lib/api/endpoints/ha.ts";
import { withUserCounts } from "@/lib/ha/views.ts";
import { handle } from "@/lib/http/route.ts";

export const POST = handle(groupAction, async ({ params, body, runtime, user }) => {
  const node = body.action === "recover" ? undefined : body.node;
  const status = await runtime.controller.action(params.id, body.action, node, user.username);
  return (await withUserCounts(runtime.db, [status]))[0]!;
});
