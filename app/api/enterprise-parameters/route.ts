import { getEnterpriseParameters, putEnterpriseParameters } from "@/lib/api/endpoints/parameters.ts";
import { handle } from "@/lib/http/route.ts";
import { enterpriseParametersView, setAssignmentMode } from "@/lib/users/enterprise.ts";

export const GET = handle(getEnterpriseParameters, async ({ runtime }) => enterpriseParametersView(runtime.db));
export const PUT = handle(putEnterpriseParameters, async ({ body, runtime, user, audit }) => {
  audit.before = await enterpriseParametersView(runtime.db);
  const after = await setAssignmentMode(runtime.db, runtime.controller, body.userAssignmentMode, user.username);
  audit.after = after;
  return after;
});
