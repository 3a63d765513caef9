import { serviceAction } from "@/lib/api/endpoints/ha.ts";
import { handle } from "@/lib/http/route.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";

export const POST = handle(serviceAction, async ({ params, body, runtime, user }) => {
  return (await runtime.command({
    kind: "serviceAction",
    actor: user.username,
    nodeId: params.id,
    service: params.service,
    action: body.action,
  })) as HaStatusView;
});
