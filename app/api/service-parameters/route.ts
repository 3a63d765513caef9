import { getServiceParameters, putServiceParameters } from "@/lib/api/endpoints/parameters.ts";
import { handle } from "@/lib/http/route.ts";
import { serviceParametersView, updateServiceParameters } from "@/lib/params/service.ts";

export const GET = handle(getServiceParameters, async ({ runtime }) => serviceParametersView(runtime.db));
export const PUT = handle(putServiceParameters, async ({ body, runtime, user, audit }) => {
  audit.before = await serviceParametersView(runtime.db);
  const after = await updateServiceParameters(runtime.db, runtime.controller, body, user.username);
  audit.after = after;
  return after;
});
