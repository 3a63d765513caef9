import { injectFault } from "@/lib/api/endpoints/ha.ts";
import { withUserCounts } from "@/lib/ha/views.ts";
import { handle } from "@/lib/http/route.ts";

export const POST = handle(injectFault, async ({ params, body, runtime, user }) => {
  const status = await runtime.controller.fault(params.id, body.fault, user.username, body.service);
  return (await withUserCounts(runtime.db, [status]))[0]!;
});
