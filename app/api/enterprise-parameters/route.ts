import { getEnterpriseParameters, putEnterpriseParameters } from "@/lib/api/endpoints/parameters.ts";
import { handle } from "@/lib/http/route.ts";
import type { EnterpriseParametersView } from "@/lib/schemas/parameters.ts";
import { enterpriseParametersView } from "@/lib/users/enterprise.ts";

export const GET = handle(getEnterpriseParameters, async ({ runtime }) => enterpriseParametersView(runtime.db));
export const PUT = handle(putEnterpriseParameters, async ({ body, runtime, user, audit }) => {
  audit.before = await enterpriseParametersView(runtime.db);
  const after = (await runtime.command({ kind: "assignmentMode", actor: user.username, mode: body.userAssignmentMode })) as EnterpriseParametersView & {
    moved: number;
  };
  audit.after = after;
  return after;
});
