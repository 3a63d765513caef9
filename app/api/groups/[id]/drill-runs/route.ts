import { startDrillRun } from "@/lib/api/endpoints/planning.ts";
import { findDrill } from "@/lib/drills/catalog.ts";
import { handle } from "@/lib/http/route.ts";

export const POST = handle(startDrillRun, async ({ params, body, runtime, user }) => {
  const drill = await findDrill(runtime.db, body.drill);
  return runtime.drills.start(params.id, drill.scenario, user.username);
});
