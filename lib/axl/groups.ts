import { addGroup, changeGroup, removeGroup } from "../groups/changes.ts";
import * as groups from "../groups/service.ts";
import { groupInputSchema, groupListQuery, type GroupView } from "../schemas/groups.ts";
import { PAGE_SIZES } from "../schemas/find-list.ts";
import { validationError } from "../http/errors.ts";
import { booleanValue, likePattern, missing, page, wholeNumber, type AxlContext } from "./context.ts";
import { AXL_CODE, AxlFault } from "./faults.ts";
import { child, childNames, text, type XmlNode } from "./xml.ts";

const GROUP_TAGS = ["name", "description", "server1", "server2", "haEnabled", "numUsers"] as const;
const UUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** Uuids as AXL shows them: upper case, in braces. */
export const axlUuid = (uuid: string) => `{${uuid.toUpperCase()}}`;

function notFound(what: string): AxlFault {
  return new AxlFault("Client", AXL_CODE.notFound, `Item not valid: no Presence Redundancy Group ${what}`);
}

/** The group a request names by <uuid> or <name>. */
async function resolveGroup(ctx: AxlContext, req: XmlNode): Promise<GroupView & { uuid: string }> {
  const uuid = text(req, "uuid");
  const name = text(req, "name");
  let row: { id: number; uuid: string } | null = null;
  if (uuid) {
    const m = uuid.match(UUID);
    if (!m) throw new AxlFault("Client", AXL_CODE.invalid, `uuid: ${uuid} is not a uuid`);
    row = await ctx.db.presenceRedundancyGroup.findUnique({ where: { uuid: m[1]!.toLowerCase() }, select: { id: true, uuid: true } });
    if (!row) throw notFound(`with uuid ${uuid}`);
  } else if (name) {
    const rows = await ctx.db.presenceRedundancyGroup.findMany({ where: { nameKey: name.toLowerCase() }, select: { id: true, uuid: true } });
    // Each cluster has its own DefaultCUPSubCluster; a name alone cannot choose between them.
    if (rows.length > 1) throw new AxlFault("Client", AXL_CODE.invalid, `name: ${name} names groups in several clusters; give the uuid`);
    row = rows[0] ?? null;
    if (!row) throw notFound(`named ${name}`);
  } else {
    throw missing("name or uuid");
  }
  return { ...(await groups.getGroup(ctx.db, row.id)), uuid: row.uuid };
}

/** A server named by host name, as AXL's server1/server2 references are. */
async function nodeId(ctx: AxlContext, element: "server1" | "server2", hostName: string): Promise<number> {
  const node = await ctx.db.node.findUnique({ where: { hostName }, select: { id: true } });
  if (!node) throw new AxlFault("Client", AXL_CODE.notFound, `${element}: no IM and Presence node named ${hostName}`);
  return node.id;
}

function returnedTags(req: XmlNode): readonly string[] {
  const asked = childNames(child(req, "returnedTags"));
  const tags = GROUP_TAGS.filter((t) => asked.includes(t));
  return tags.length ? tags : GROUP_TAGS;
}

function groupXml(g: GroupView & { uuid: string }, tags: readonly string[]) {
  const all: Record<(typeof GROUP_TAGS)[number], string | number> = {
    name: g.name,
    description: g.description,
    server1: g.server1?.hostName ?? "",
    server2: g.server2?.hostName ?? "",
    haEnabled: String(g.haEnabled),
    numUsers: g.userCount,
  };
  return { "@_uuid": axlUuid(g.uuid), ...Object.fromEntries(tags.map((t) => [t, all[t as keyof typeof all]])) };
}

async function uuidOf(ctx: AxlContext, id: number): Promise<string> {
  const row = await ctx.db.presenceRedundancyGroup.findUniqueOrThrow({ where: { id }, select: { uuid: true } });
  return axlUuid(row.uuid);
}

export async function addPresenceRedundancyGroup(ctx: AxlContext, req: XmlNode) {
  const g = child(req, "presenceRedundancyGroup");
  if (g === undefined) throw missing("presenceRedundancyGroup");
  const server1 = text(g, "server1");
  const server2 = text(g, "server2");
  const haEnabled = text(g, "haEnabled");
  const input = {
    name: text(g, "name") ?? "",
    description: text(g, "description") ?? "",
    server1Id: server1 ? await nodeId(ctx, "server1", server1) : undefined,
    server2Id: server2 ? await nodeId(ctx, "server2", server2) : null,
    haEnabled: haEnabled ? booleanValue(haEnabled, "haEnabled") : false,
  };
  const parsed = groupInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error, "request");
  const created = await addGroup(ctx.db, ctx.controller, ctx.actor, parsed.data);
  return uuidOf(ctx, created.id);
}

export async function getPresenceRedundancyGroup(ctx: AxlContext, req: XmlNode) {
  const g = await resolveGroup(ctx, req);
  return { presenceRedundancyGroup: groupXml(g, returnedTags(req)) };
}

/** Every group, in name order; there are never more groups than IM and Presence nodes. */
async function allGroups(ctx: AxlContext): Promise<GroupView[]> {
  const pageSize = PAGE_SIZES[PAGE_SIZES.length - 1];
  const out: GroupView[] = [];
  for (let p = 1; ; p++) {
    const result = await groups.listGroups(ctx.db, groupListQuery.parse({ page: p, pageSize }));
    out.push(...result.items);
    if (out.length >= result.total || result.items.length === 0) return out;
  }
}

export async function listPresenceRedundancyGroup(ctx: AxlContext, req: XmlNode) {
  const criteria = child(req, "searchCriteria");
  const name = text(criteria, "name");
  const description = text(criteria, "description");
  if (name === undefined && description === undefined) throw missing("searchCriteria/name or searchCriteria/description");
  const skip = wholeNumber(text(req, "skip"), "skip");
  const first = wholeNumber(text(req, "first"), "first");
  const byName = name === undefined ? null : likePattern(name);
  const byDescription = description === undefined ? null : likePattern(description);
  const matched = (await allGroups(ctx)).filter((g) => (!byName || byName.test(g.name)) && (!byDescription || byDescription.test(g.description)));
  const chosen = page(matched, skip, first);
  const uuids = new Map(
    (await ctx.db.presenceRedundancyGroup.findMany({ where: { id: { in: chosen.map((g) => g.id) } }, select: { id: true, uuid: true } })).map(
      (r) => [r.id, r.uuid],
    ),
  );
  const tags = returnedTags(req);
  return { presenceRedundancyGroup: chosen.map((g) => groupXml({ ...g, uuid: uuids.get(g.id)! }, tags)) };
}

export async function updatePresenceRedundancyGroup(ctx: AxlContext, req: XmlNode) {
  const current = await resolveGroup(ctx, req);
  const newName = text(req, "newName");
  const description = text(req, "description");
  const server1 = text(req, "server1");
  const server2 = text(req, "server2");
  const haEnabled = text(req, "haEnabled");
  if (server1 === "") throw missing("server1");
  // AXL has no versions: an update applies to the group as it is now.
  const patch = {
    version: current.version,
    ...(newName !== undefined ? { name: newName } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(server1 !== undefined ? { server1Id: await nodeId(ctx, "server1", server1) } : {}),
    // An empty <server2/> takes Presence Server 2 out of the group.
    ...(server2 !== undefined ? { server2Id: server2 ? await nodeId(ctx, "server2", server2) : null } : {}),
    ...(haEnabled !== undefined ? { haEnabled: booleanValue(haEnabled, "haEnabled") } : {}),
  };
  await changeGroup(ctx.db, ctx.controller, ctx.actor, current.id, patch);
  return axlUuid(current.uuid);
}

export async function removePresenceRedundancyGroup(ctx: AxlContext, req: XmlNode) {
  const current = await resolveGroup(ctx, req);
  await removeGroup(ctx.db, ctx.controller, ctx.actor, current.id, current.version);
  return axlUuid(current.uuid);
}
