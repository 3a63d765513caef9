import { getLab, putLab } from "@/lib/api/endpoints/ha.ts";
import { handle } from "@/lib/http/route.ts";
import { writeScope } from "@/lib/params/store.ts";

export const GET = handle(getLab, async ({ runtime }) => ({
  ...runtime.controller.labSettings,
  labNow: runtime.controller.clock.now(),
}));

export const PUT = handle(putLab, async ({ body, runtime, user, audit }) => {
  audit.before = { ...runtime.controller.labSettings };
  await writeScope(runtime.db, "lab", body, user.username);
  await runtime.controller.setLabSettings(body);
  audit.after = { ...runtime.controller.labSettings };
  return { ...runtime.controller.labSettings, labNow: runtime.controller.clock.now() };
});
