import { groupHaStatus } from "@/lib/api/endpoints/ha.ts";
import { withUserCounts } from "@/lib/ha/views.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(groupHaStatus, async ({ params, runtime }) =>
  (await withUserCounts(runtime.db, [runtime.controller.groupStatus(params.id)]))[0]!,
);
