import { injectFault } from "@/lib/api/endpoints/ha.ts";
import { handle } from "@/lib/http/route.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";

export const POST = handle(injectFault, async ({ params, body, runtime, user }) => {
  return (await runtime.command({ kind: "fault", actor: user.username, nodeId: params.id, fault: body.fault, service: body.service })) as HaStatusView;
});
