import { z } from "zod";
import type { MessageRef } from "../http/errors.ts";
import { ruleMessage } from "../http/rule-messages.ts";
import { recordId } from "../schemas/common.ts";
import { DEFAULT_CLUSTER_PARAMETERS, DEFAULT_NODE_PARAMETERS, SRM_PARAMETERS, type ClusterParameters, type NodeParameters, type ParameterDefinition } from "./definitions.ts";

/** The zod rule for one parameter, read from its definition. */
function ruleFor(def: ParameterDefinition) {
  const parameter = { key: `params.srm.${def.key}.name` };
  if (def.type === "boolean") return z.boolean({ error: ruleMessage("field.parameterTrueOrFalse", { parameter }) });
  const range = ruleMessage("field.parameterRange", { parameter, min: String(def.min), max: String(def.max) });
  return z.number({ error: range }).int(range).min(def.min, range).max(def.max, range);
}

const srmName = (key: keyof ClusterParameters | keyof NodeParameters) => ({ key: `params.srm.${key}.name` });

function fieldsOf(scope: "cluster" | "node") {
  return Object.fromEntries(SRM_PARAMETERS.filter((p) => p.scope === scope).map((p) => [p.key, ruleFor(p)])) as Record<string, z.ZodType>;
}

export const clusterFields = z.object(fieldsOf("cluster"));
export const nodeFields = z.object(fieldsOf("node"));

/** Rules that join parameters; checked on the merged values a save would leave. */
export const clusterParametersSchema = clusterFields.superRefine((p, ctx) => {
  const v = p as ClusterParameters;
  if (v.servicePort === v.adminRpcPort) {
    ctx.addIssue({ code: "custom", path: ["adminRpcPort"], message: ruleMessage("field.portsDiffer", { parameter: srmName("adminRpcPort"), other: srmName("servicePort") }) });
  }
  if (v.keepAliveInterval >= v.keepAliveTimeout) {
    ctx.addIssue({
      code: "custom",
      path: ["keepAliveInterval"],
      message: ruleMessage("field.lessThan", { parameter: srmName("keepAliveInterval"), other: srmName("keepAliveTimeout") }),
    });
  }
});

export const nodeParametersSchema = nodeFields.superRefine((p, ctx) => {
  const v = p as NodeParameters;
  if (v.clientReloginLowerLimit > v.clientReloginUpperLimit) {
    ctx.addIssue({
      code: "custom",
      path: ["clientReloginLowerLimit"],
      message: ruleMessage("field.notAbove", { parameter: srmName("clientReloginLowerLimit"), other: srmName("clientReloginUpperLimit") }),
    });
  }
});

/** A save names only the values it changes; the others keep what another admin may have set. */
export const serviceParametersPatch = z.object({
  cluster: clusterFields.partial().optional(),
  nodes: z
    .array(z.object({ nodeId: recordId("nodeId"), values: nodeFields.partial() }))
    .optional(),
});
export type ServiceParametersPatch = z.output<typeof serviceParametersPatch>;

/**
 * Public guidance the page warns about but does not enforce: both nodes of a
 * group should hold the same re-login limits, and the lower limit should
 * equal the Critical Service Down Delay. Only values an administrator chose
 * are warned about: the factory defaults themselves disagree with the
 * guidance (120 s against 90 s), and a console that opens with a warning per
 * node on values nobody set teaches administrators to ignore warnings.
 */
export function guidanceWarnings(
  cluster: ClusterParameters,
  nodes: { hostName: string; groupId: number | null; groupName: string | null; values: NodeParameters }[],
): MessageRef[] {
  const warnings: MessageRef[] = [];
  const delayChosen = cluster.criticalServiceDownDelay !== DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay;
  for (const n of nodes) {
    const lowerChosen = n.values.clientReloginLowerLimit !== DEFAULT_NODE_PARAMETERS.clientReloginLowerLimit;
    if (n.values.clientReloginLowerLimit !== cluster.criticalServiceDownDelay && (lowerChosen || delayChosen)) {
      const values = { host: n.hostName, lower: String(n.values.clientReloginLowerLimit), delay: String(cluster.criticalServiceDownDelay) };
      warnings.push({ key: "guidance.lowerLimitVsDelay", values });
    }
  }
  const byGroup = new Map<number, typeof nodes>();
  for (const n of nodes) if (n.groupId !== null) byGroup.set(n.groupId, [...(byGroup.get(n.groupId) ?? []), n]);
  for (const members of byGroup.values()) {
    const [a, b] = members;
    if (!a || !b) continue;
    if (
      a.values.clientReloginLowerLimit !== b.values.clientReloginLowerLimit ||
      a.values.clientReloginUpperLimit !== b.values.clientReloginUpperLimit
    ) {
      const values = {
        group: a.groupName ?? "",
        hostA: a.hostName,
        limitsA: `${a.values.clientReloginLowerLimit}/${a.values.clientReloginUpperLimit}`,
        hostB: b.hostName,
        limitsB: `${b.values.clientReloginLowerLimit}/${b.values.clientReloginUpperLimit}`,
      };
      warnings.push({ key: "guidance.groupLimitsDiffer", values });
    }
  }
  return warnings;
}
