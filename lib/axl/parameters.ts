import { SRM_SERVICE } from "../domain/services.ts";
import { SRM_PARAMETERS, type ParameterDefinition } from "../params/definitions.ts";
import { serviceParametersView, updateServiceParameters } from "../params/service.ts";
import { serviceParametersPatch } from "../params/validation.ts";
import { validationError } from "../http/errors.ts";
import { booleanValue, missing, type AxlContext } from "./context.ts";
import { AXL_CODE, AxlFault } from "./faults.ts";
import { derivedUuid } from "./names.ts";
import { resolveNode } from "./servers.ts";
import { text, type XmlNode } from "./xml.ts";

/** AXL names a parameter by its internal name: the definition's key, or its display name without spaces; case is ignored. */
function definitionNamed(name: string): ParameterDefinition {
  const wanted = name.toLowerCase();
  const def = SRM_PARAMETERS.find((p) => p.key.toLowerCase() === wanted || p.name.replace(/\s+/g, "").toLowerCase() === wanted);
  if (!def) throw new AxlFault("Client", AXL_CODE.notFound, `name: ${SRM_SERVICE} has no parameter ${name}`);
  return def as ParameterDefinition;
}

async function target(ctx: AxlContext, req: XmlNode) {
  const service = text(req, "service");
  if (!service) throw missing("service");
  if (service !== SRM_SERVICE) throw new AxlFault("Client", AXL_CODE.notFound, `service: only ${SRM_SERVICE} parameters are kept here`);
  const processNodeName = text(req, "processNodeName");
  if (!processNodeName) throw missing("processNodeName");
  const name = text(req, "name");
  if (!name) throw missing("name");
  const node = await resolveNode(ctx, processNodeName, undefined);
  return { node, def: definitionNamed(name) };
}

const parameterUuid = (def: ParameterDefinition, hostName: string) =>
  derivedUuid("serviceParameter", `${def.scope === "cluster" ? "cluster" : hostName}:${def.key}`);

const showValue = (v: number | boolean) => (typeof v === "boolean" ? (v ? "true" : "false") : String(v));

async function currentValue(ctx: AxlContext, nodeId: number, def: ParameterDefinition): Promise<number | boolean> {
  const view = await serviceParametersView(ctx.db);
  const list = def.scope === "cluster" ? view.cluster : view.nodes.find((n) => n.nodeId === nodeId)!.parameters;
  return list.find((p) => p.key === def.key)!.value;
}

/** Cluster-wide parameters read the same from every node, as on the Service Parameter Configuration page. */
export async function getServiceParameter(ctx: AxlContext, req: XmlNode) {
  const { node, def } = await target(ctx, req);
  const value = await currentValue(ctx, node.id, def);
  return {
    serviceParameter: {
      "@_uuid": parameterUuid(def, node.hostName),
      processNodeName: node.hostName,
      name: def.key,
      service: SRM_SERVICE,
      value: showValue(value),
      valueType: def.type === "boolean" ? "Boolean" : "Integer",
    },
  };
}

export async function updateServiceParameter(ctx: AxlContext, req: XmlNode) {
  const { node, def } = await target(ctx, req);
  const raw = text(req, "value");
  if (raw === undefined || raw === "") throw missing("value");
  let value: number | boolean;
  if (def.type === "boolean") value = booleanValue(raw, "value");
  else if (/^-?\d{1,9}$/.test(raw)) value = Number(raw);
  else throw new AxlFault("Client", AXL_CODE.invalid, `value: ${def.name} must be a whole number`);
  const patch = serviceParametersPatch.safeParse(
    def.scope === "cluster" ? { cluster: { [def.key]: value } } : { nodes: [{ nodeId: node.id, values: { [def.key]: value } }] },
  );
  if (!patch.success) throw validationError(patch.error, "request");
  await updateServiceParameters(ctx.db, ctx.controller, patch.data, ctx.actor);
  return parameterUuid(def, node.hostName);
}
