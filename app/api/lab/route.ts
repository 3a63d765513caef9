import { getLab, putLab } from "@/lib/api/endpoints/ha.ts";
import type { LabSettings } from "@/lib/ha/lab-settings.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(getLab, async ({ runtime }) => ({
  ...runtime.controller.labSettings,
  labNow: runtime.controller.clock.now(),
}));

export const PUT = handle(putLab, async ({ body, runtime, user, audit }) => {
  audit.before = { ...runtime.controller.labSettings };
  const after = (await runtime.command({ kind: "lab", actor: user.username, settings: body })) as LabSettings & { labNow: number };
  audit.after = after;
  return after;
});
