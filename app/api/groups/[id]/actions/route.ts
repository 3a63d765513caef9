import { groupAction } from "@/lib/api/endpoints/ha.ts";
import { handle } from "@/lib/http/route.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";

export const POST = handle(groupAction, async ({ params, body, runtime, user }) => {
  const node = body.action === "recover" ? undefined : body.node;
  return (await runtime.command({ kind: "action", actor: user.username, groupId: params.id, action: body.action, nodeId: node })) as HaStatusView;
});
