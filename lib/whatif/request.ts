import { fieldRules, keyedError } from "../http/errors.ts";
import type { ClusterParameters } from "../params/definitions.ts";
import { clusterParametersSchema } from "../params/validation.ts";
import type { WhatIfInput } from "../schemas/planning.ts";
import type { Runtime } from "../server/runtime.ts";
import { previewChange, type WhatIf } from "./preview.ts";

/** A preview asked through the API: parameters given are merged with those in force and checked as a save would check them. */
export async function previewRequest(runtime: Pick<Runtime, "db" | "controller">, groupId: number, body: WhatIfInput, actor: string) {
  const { controller } = runtime;
  if (!controller.knowsGroup(groupId)) throw keyedError("not_found", { key: "group.notFound", values: { id: String(groupId) } });
  let input: WhatIf;
  if (body.kind === "parameters") {
    const merged = clusterParametersSchema.safeParse({ ...controller.clusterParameters, ...body.params });
    if (!merged.success) {
      // Named as the request body names them: params.<name>.
      const fields = Object.fromEntries(Object.entries(fieldRules(merged.error)).map(([name, rule]) => [`params.${name}`, rule]));
      throw keyedError("validation_failed", Object.values(fields)[0]!, fields);
    }
    input = { kind: "parameters", params: merged.data as ClusterParameters };
  } else input = body;
  return previewChange(runtime.db, controller, groupId, input, actor);
}
