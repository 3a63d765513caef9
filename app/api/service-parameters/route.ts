import { getServiceParameters, putServiceParameters } from "@/lib/api/endpoints/parameters.ts";
import { handle } from "@/lib/http/route.ts";
import { serviceParametersView } from "@/lib/params/service.ts";

export const GET = handle(getServiceParameters, async ({ runtime }) => serviceParametersView(runtime.db));
export const PUT = handle(putServiceParameters, async ({ body, runtime, user, audit }) => {
  audit.before = await serviceParametersView(runtime.db);
  const after = (await runtime.command({ kind: "serviceParameters", actor: user.username, patch: body })) as Awaited<
    ReturnType<typeof serviceParametersView>
  >;
  audit.after = after;
  return after;
});
