import * as inventory from "../inventory/nodes.ts";
import { nodeListQuery } from "../schemas/nodes.ts";
import { PAGE_SIZES } from "../schemas/find-list.ts";
import type { NodeView } from "../schemas/nodes.ts";
import { likePattern, missing, page, wholeNumber, type AxlContext } from "./context.ts";
import { AXL_CODE, AxlFault } from "./faults.ts";
import { derivedUuid } from "./names.ts";
import { child, childNames, text, type XmlNode } from "./xml.ts";

/** Every server here is an IM and Presence node: AXL's processNodeRole "CUP". */
const ROLE = "CUP";
const NODE_TAGS = ["name", "description", "nodeUsage", "processNodeRole"] as const;

export const processNodeUuid = (hostName: string) => derivedUuid("processNode", hostName);

function nodeXml(n: Pick<NodeView, "hostName" | "isPublisher">, req: XmlNode) {
  const all = { name: n.hostName, description: "", nodeUsage: n.isPublisher ? "Publisher" : "Subscriber", processNodeRole: ROLE };
  const asked = childNames(child(req, "returnedTags"));
  const tags = NODE_TAGS.filter((t) => asked.includes(t));
  return { "@_uuid": processNodeUuid(n.hostName), ...Object.fromEntries((tags.length ? tags : NODE_TAGS).map((t) => [t, all[t]])) };
}

async function allNodes(ctx: AxlContext): Promise<NodeView[]> {
  const pageSize = PAGE_SIZES[PAGE_SIZES.length - 1];
  const out: NodeView[] = [];
  for (let p = 1; ; p++) {
    const result = await inventory.listNodes(ctx.db, nodeListQuery.parse({ page: p, pageSize }));
    out.push(...result.items);
    if (out.length >= result.total || result.items.length === 0) return out;
  }
}

/** The server a request names by <name> (its host name) or by <uuid>. */
export async function resolveNode(ctx: AxlContext, name: string | undefined, uuid: string | undefined): Promise<NodeView> {
  if (!name && !uuid) throw missing("name or uuid");
  const nodes = await allNodes(ctx);
  const found = name ? nodes.find((n) => n.hostName === name) : nodes.find((n) => processNodeUuid(n.hostName) === uuid!.toUpperCase());
  if (!found) throw new AxlFault("Client", AXL_CODE.notFound, `Item not valid: no process node ${name ? `named ${name}` : `with uuid ${uuid}`}`);
  return found;
}

export async function getProcessNode(ctx: AxlContext, req: XmlNode) {
  const node = await resolveNode(ctx, text(req, "name"), text(req, "uuid"));
  return { processNode: nodeXml(node, req) };
}

export async function listProcessNode(ctx: AxlContext, req: XmlNode) {
  const criteria = child(req, "searchCriteria");
  const name = text(criteria, "name");
  const description = text(criteria, "description");
  const role = text(criteria, "processNodeRole");
  if (name === undefined && description === undefined && role === undefined) {
    throw missing("searchCriteria/name, searchCriteria/description or searchCriteria/processNodeRole");
  }
  const skip = wholeNumber(text(req, "skip"), "skip");
  const first = wholeNumber(text(req, "first"), "first");
  const byName = name === undefined ? null : likePattern(name);
  const byDescription = description === undefined ? null : likePattern(description);
  const matched = (await allNodes(ctx))
    .filter((n) => (!byName || byName.test(n.hostName)) && (!byDescription || byDescription.test("")) && (role === undefined || role === ROLE))
    .sort((a, b) => a.hostName.localeCompare(b.hostName));
  return { processNode: page(matched, skip, first).map((n) => nodeXml(n, req)) };
}
