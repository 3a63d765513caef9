import { serviceAction } from "@/lib/api/endpoints/ha.ts";
import { withUserCounts } from "@/lib/ha/views.ts";
import { handle } from "@/lib/http/route.ts";

export const POST = handle(serviceAction, async ({ params, body, runtime, user }) => {
  const status = await runtime.controller.serviceAction(params.id, params.service, body.action, user.username);
  return (await withUserCounts(runtime.db, [status]))[0]!;
});
