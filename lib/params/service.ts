import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { say, type EventText, type EventValue } from "../ha/event-text.ts";
import { writeHistory, type HistoryNote } from "../ha/repository.ts";
import { fieldRules, keyedError, type MessageRef } from "../http/errors.ts";
import { english } from "../http/rule-messages.ts";
import { DEFAULT_NODE_PARAMETERS, SRM_PARAMETERS, type ClusterParameters, type NodeParameters, type ParameterDefinition } from "./definitions.ts";
import { readClusterParameters, writeScope } from "./store.ts";
import { clusterParametersSchema, guidanceWarnings, nodeParametersSchema, type ServiceParametersPatch } from "./validation.ts";

const nodeScope = (nodeId: number) => `node:${nodeId}`;

/** Each node's own SRM parameters, defaults where it has none stored. */
export async function readNodeParameters(db: Db, nodeIds: number[]): Promise<Map<number, NodeParameters>> {
  const rows = await db.setting.findMany({ where: { scope: { in: nodeIds.map(nodeScope) } } });
  const out = new Map(nodeIds.map((id) => [id, { ...DEFAULT_NODE_PARAMETERS }]));
  for (const row of rows) {
    const values = out.get(Number(row.scope.slice("node:".length)));
    const value: unknown = JSON.parse(row.value);
    if (values && row.key in values && typeof value === "number") (values as Record<string, number>)[row.key] = value;
  }
  return out;
}

function view(def: ParameterDefinition, value: number | boolean) {
  return { ...def, value } as ParameterDefinition & { value: number | boolean };
}

/** Every SRM parameter with its value, default, range, unit and help, and the guidance warnings. */
export async function serviceParametersView(db: Db) {
  const cluster = await readClusterParameters(db);
  const nodes = await db.node.findMany({ orderBy: { hostName: "asc" }, include: { group: { select: { id: true, name: true } } } });
  const values = await readNodeParameters(db, nodes.map((n) => n.id));
  const perNode = nodes.map((n) => ({ nodeId: n.id, hostName: n.hostName, groupId: n.group?.id ?? null, groupName: n.group?.name ?? null, values: values.get(n.id)! }));
  return {
    cluster: SRM_PARAMETERS.filter((p) => p.scope === "cluster").map((p) => view(p, cluster[p.key as keyof ClusterParameters])),
    nodes: perNode.map((n) => ({
      nodeId: n.nodeId,
      hostName: n.hostName,
      groupName: n.groupName,
      parameters: SRM_PARAMETERS.filter((p) => p.scope === "node").map((p) => view(p, n.values[p.key as keyof NodeParameters])),
    })),
    ...warningsOf(guidanceWarnings(cluster, perNode)),
  };
}

function warningsOf(refs: MessageRef[]) {
  return {
    warnings: refs.map(english),
    warningMessages: refs.map((r) => ({ messageKey: r.key, values: r.values as Record<string, string> })),
  };
}

/** A value as the parameter pages show it, in the viewer's language. */
function valueText(def: ParameterDefinition, value: unknown): EventValue {
  if (def.type === "boolean") return { ns: "params-pages", key: value ? "common.true" : "common.false" };
  return def.unit === "seconds" ? { ns: "params-pages", key: "common.valueSeconds", values: { value: String(value) } } : String(value);
}

const parameterName = (def: ParameterDefinition): EventText => ({ ns: "params", key: `srm.${def.key}.name` });

/**
 * Saves the values a patch names, after checking the values the save would
 * leave (ranges, ports, interval below timeout, lower limit not above
 * upper). The controller applies new cluster values to its next check, and
 * each change is written to the history with who made it.
 */
export async function updateServiceParameters(db: Db, controller: HaController, patch: ServiceParametersPatch, actor: string) {
  await controller.updateParameters(() => saveParameters(db, controller, patch, actor), actor);
  return serviceParametersView(db);
}

async function saveParameters(db: Db, controller: HaController, patch: ServiceParametersPatch, actor: string): Promise<ClusterParameters> {
  const current = await readClusterParameters(db);
  const cluster = { ...current, ...(patch.cluster ?? {}) };
  const errors: Record<string, MessageRef> = {};
  const checked = clusterParametersSchema.safeParse(cluster);
  if (!checked.success) for (const [k, m] of Object.entries(fieldRules(checked.error))) errors[`cluster.${k}`] = m;

  const nodeIds = (patch.nodes ?? []).map((n) => n.nodeId);
  const hostNames = new Map(
    (await db.node.findMany({ where: { id: { in: nodeIds } }, select: { id: true, hostName: true } })).map((n) => [n.id, n.hostName]),
  );
  const currentNodes = await readNodeParameters(db, nodeIds);
  const nodeUpdates: { nodeId: number; before: NodeParameters; after: NodeParameters }[] = [];
  for (const n of patch.nodes ?? []) {
    if (!hostNames.has(n.nodeId)) throw keyedError("not_found", { key: "node.notFound", values: { id: String(n.nodeId) } });
    const before = currentNodes.get(n.nodeId)!;
    const after = { ...before, ...n.values };
    const result = nodeParametersSchema.safeParse(after);
    if (!result.success) for (const [k, m] of Object.entries(fieldRules(result.error))) errors[`nodes.${n.nodeId}.${k}`] = m;
    nodeUpdates.push({ nodeId: n.nodeId, before, after });
  }
  const first = Object.values(errors)[0];
  if (first) throw keyedError("validation_failed", first, errors);

  const events: HistoryNote[] = [];
  const byKey = new Map<string, ParameterDefinition>(SRM_PARAMETERS.map((p) => [p.key, p]));
  const changedCluster = Object.fromEntries(
    Object.entries(patch.cluster ?? {}).filter(([k, v]) => current[k as keyof ClusterParameters] !== v),
  );
  for (const [k, v] of Object.entries(changedCluster)) {
    const def = byKey.get(k)!;
    const from = valueText(def, current[k as keyof ClusterParameters]);
    events.push({ kind: "parameter", actor, text: say("event.parameterChanged", { name: parameterName(def), from, to: valueText(def, v) }) });
  }
  if (Object.keys(changedCluster).length) await writeScope(db, "srm", changedCluster, actor);
  for (const u of nodeUpdates) {
    const changed = Object.fromEntries(Object.entries(u.after).filter(([k, v]) => u.before[k as keyof NodeParameters] !== v));
    if (!Object.keys(changed).length) continue;
    await writeScope(db, nodeScope(u.nodeId), changed, actor);
    for (const [k, v] of Object.entries(changed)) {
      const def = byKey.get(k)!;
      const values = { name: parameterName(def), host: hostNames.get(u.nodeId) ?? String(u.nodeId), from: valueText(def, u.before[k as keyof NodeParameters]), to: valueText(def, v) };
      events.push({ kind: "parameter", actor, nodeId: u.nodeId, text: say("event.nodeParameterChanged", values) });
    }
  }
  await writeHistory(db, controller.clock.now(), events);
  return cluster as ClusterParameters;
}
