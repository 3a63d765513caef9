import { beforeAll, describe, expect, it } from "vitest";
import * as groupsRoute from "@/app/api/groups/route.ts";
import * as groupRoute from "@/app/api/groups/[id]/route.ts";
import * as nodesRoute from "@/app/api/nodes/route.ts";
import * as groupService from "@/lib/groups/service.ts";
import { insertUsers } from "@/lib/users/bulk.ts";
import * as inventory from "@/lib/inventory/nodes.ts";
import { DEMO_CLUSTER, DEMO_OTHER_VERSION, DEMO_VERSION } from "@/lib/inventory/demo-seed.ts";
import type { GroupView } from "@/lib/schemas/groups.ts";
import { call, type Answer } from "./support/call.ts";
import { expectError as expectErrorShape, leavesUnchanged } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

// ---------------------------------------------------------------------------
// Calls

const list = (qs = "") => call(groupsRoute.GET, { path: `/api/groups${qs ? `?${qs}` : ""}`, cookie });
const add = (body: unknown, c = cookie) => call(groupsRoute.POST, { method: "POST", path: "/api/groups", body, cookie: c });
const get = (id: number | string) => call(groupRoute.GET, { path: `/api/groups/${id}`, params: { id: String(id) }, cookie });
const patch = (id: number | string, body: unknown, c = cookie) =>
  call(groupRoute.PATCH, { method: "PATCH", path: `/api/groups/${id}`, params: { id: String(id) }, body, cookie: c });
const remove = (id: number | string, version?: number | string, c = cookie) =>
  call(groupRoute.DELETE, {
    method: "DELETE",
    path: `/api/groups/${id}${version !== undefined ? `?version=${version}` : ""}`,
    params: { id: String(id) },
    cookie: c,
  });
/** GET /api/nodes for the one node of that host name. */
async function nodeAsListed(hostName: string, extra = "") {
  const answer = await call(nodesRoute.GET, { path: `/api/nodes?field=hostName&match=exact&q=${hostName}${extra}`, cookie });
  expect(answer.status).toBe(200);
  return answer.body.items[0] as { id: number; hostName: string; group: { id: number; name: string; position: number } | null } | undefined;
}

// ---------------------------------------------------------------------------
// Setup helpers (service functions, for speed; assertions go through the API)

let nodeSeq = 0;
/** A new IM and Presence node in no group, in the demo cluster unless told. */
async function freeNode(opts: { version?: string; cluster?: string } = {}) {
  nodeSeq += 1;
  const node = await inventory.createNode(runtime().db, {
    hostName: `t-node-${String(nodeSeq).padStart(3, "0")}`,
    softwareVersion: opts.version ?? DEMO_VERSION,
    cluster: opts.cluster ?? DEMO_CLUSTER,
    replicationState: 2,
  });
  return { id: node.id, hostName: node.hostName };
}

let groupSeq = 0;
/** A new group on fresh nodes: one server, or two (with HA if asked). */
async function newGroup(opts: { servers?: 1 | 2; haEnabled?: boolean; name?: string } = {}) {
  groupSeq += 1;
  const s1 = await freeNode();
  const s2 = opts.servers === 2 || opts.haEnabled ? await freeNode() : null;
  const group = await groupService.createGroup(runtime().db, {
    name: opts.name ?? `t-group-${groupSeq}`,
    description: "",
    server1Id: s1.id,
    server2Id: s2?.id ?? null,
    haEnabled: opts.haEnabled ?? false,
  });
  return { group, s1, s2 };
}

async function idOf(hostName: string): Promise<number> {
  return (await runtime().db.node.findUniqueOrThrow({ where: { hostName } })).id;
}

async function defaultGroup(): Promise<GroupView> {
  const pub = await runtime().db.node.findUniqueOrThrow({ where: { hostName: "imp-pub" } });
  const answer = await get(pub.groupId!);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Every group and every node's membership, to prove a rejected request changed nothing. */
async function snapshot() {
  const db = runtime().db;
  const [groups, nodes, clusters] = await Promise.all([
    db.presenceRedundancyGroup.findMany({ orderBy: { id: "asc" } }),
    db.node.findMany({ orderBy: { id: "asc" }, select: { id: true, hostName: true, groupId: true, groupPosition: true, clusterId: true } }),
    db.cluster.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { groups, nodes, clusters };
}

const withoutChange = (act: () => Promise<Answer>) => leavesUnchanged(snapshot, act);

/** Group conflicts carry the group as it is now in `current`. */
const expectError = (answer: Answer, status: number, code: string, field?: string) =>
  expectErrorShape(answer, status, code, field, { allowCurrent: true }) as ReturnType<typeof expectErrorShape> & { current?: GroupView };

// ---------------------------------------------------------------------------
// Find and List runs first, on a known inventory: DefaultCUPSubCluster plus
// sixty lab groups.

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const LAB = Array.from({ length: 60 }, (_, k) => {
  const i = k + 1;
  return {
    i,
    name: `lab-prg-${pad(i, 2)}`,
    description: i % 3 === 0 ? "" : `${i % 2 === 0 ? "East" : "West"} wing rack ${i}`,
    // Presence Server 1 runs opposite to the names, so sorting by it differs from sorting by name.
    server1: `lab-node-${pad(61 - i, 3)}`,
    server2: i > 40 ? `lab-node-${pad(i + 20, 3)}` : null,
    haEnabled: i > 40 && i % 2 === 0,
    // 61 is prime: every group gets a different number of users, 1 to 60.
    users: (i * 37) % 61,
  };
});
const labNames = (xs: typeof LAB) => xs.map((g) => g.name);
const names = (answer: Answer) => answer.body.items.map((g: GroupView) => g.name);

describe("Find and List (GET /api/groups)", () => {
  beforeAll(async () => {
    const db = runtime().db;
    for (let n = 1; n <= 80; n++) {
      await inventory.createNode(db, {
        hostName: `lab-node-${pad(n, 3)}`,
        softwareVersion: DEMO_VERSION,
        cluster: DEMO_CLUSTER,
        replicationState: 2,
      });
    }
    const ids = new Map((await db.node.findMany()).map((n) => [n.hostName, n.id]));
    const users: { userId: string; assignedNodeId: number }[] = [];
    for (const g of LAB) {
      await groupService.createGroup(db, {
        name: g.name,
        description: g.description,
        server1Id: ids.get(g.server1)!,
        server2Id: g.server2 ? ids.get(g.server2)! : null,
        haEnabled: g.haEnabled,
      });
      for (let u = 0; u < g.users; u++) {
        // A two-server group's users are spread over both nodes; its count is their sum.
        const host = g.server2 && u % 2 === 1 ? g.server2 : g.server1;
        users.push({ userId: `${g.name}-user-${u}`, assignedNodeId: ids.get(host)! });
      }
    }
    await insertUsers(db, users);
  });

  it("lists every group, 25 to a page by default, sorted by name, with the total count", async () => {
    const answer = await list();
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(61);
    expect(answer.body.page).toBe(1);
    expect(answer.body.pageSize).toBe(25);
    expect(answer.body.items).toHaveLength(25);
    expect(names(answer)).toEqual(["DefaultCUPSubCluster", ...labNames(LAB.slice(0, 24))]);
  });

  it("shows each group's servers, HA flag and the users of both its nodes", async () => {
    const answer = await list("q=lab-prg-45&match=exact");
    const g = LAB[44]!;
    expect(answer.body.total).toBe(1);
    expect(answer.body.items[0]).toMatchObject({
      name: g.name,
      description: g.description,
      haEnabled: false,
      version: 1,
      server1: { hostName: g.server1, softwareVersion: DEMO_VERSION, isPublisher: false, userCount: Math.ceil(g.users / 2) },
      server2: { hostName: g.server2, userCount: Math.floor(g.users / 2) },
      userCount: g.users,
      holdsPublisher: false,
    });
  });

  it("pages: page 2 of 25 holds rows 26 to 50 and the total counts every match", async () => {
    const page2 = await list("q=lab-prg&page=2&pageSize=25");
    expect(page2.status).toBe(200);
    expect(page2.body).toMatchObject({ total: 60, page: 2, pageSize: 25 });
    expect(names(page2)).toEqual(labNames(LAB.slice(25, 50)));
    const page3 = await list("q=lab-prg&page=3&pageSize=25");
    expect(names(page3)).toEqual(labNames(LAB.slice(50)));
    const beyond = await list("q=lab-prg&page=4&pageSize=25");
    expect(beyond.body).toMatchObject({ items: [], total: 60, page: 4 });
    const all = await list("q=lab-prg&pageSize=100");
    expect(all.body.items).toHaveLength(60);
  });

  it.each([
    ["begins", "lab-prg-0", 9],
    ["begins", "LAB-PRG-0", 9],
    ["begins", "", 61],
    ["contains", "prg-1", 10],
    ["contains", "CUPSub", 1],
    ["ends", "5", 6],
    ["exact", "LAB-PRG-07", 1],
    ["exact", "lab-prg-0", 0],
    ["empty", "", 0],
    ["notEmpty", "", 61],
  ])("finds names that %s %j: %i", async (match, q, total) => {
    const answer = await list(`field=name&match=${match}&q=${encodeURIComponent(q)}&pageSize=100`);
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(total);
    expect(answer.body.items).toHaveLength(total);
  });

  // Prisma matches with (I)LIKE: unescaped, `_` and `%` would act as wildcards.
  it("treats _ and % in the search text as characters, not wildcards", async () => {
    for (const [match, q] of [
      ["contains", "_"],
      ["contains", "%"],
      ["begins", "lab_prg"],
      ["exact", "lab-prg-0_"],
      ["exact", "Default%"],
    ]) {
      const answer = await list(`field=name&match=${match}&q=${encodeURIComponent(q!)}`);
      expect(answer.status).toBe(200);
      expect(answer.body.total, `${match} ${q}`).toBe(0);
    }
  });

  // DefaultCUPSubCluster's description is empty, so it counts as an empty one.
  it.each([
    ["begins", "east", 20],
    ["contains", "rack 1", 8],
    ["ends", "rack 5", 1],
    ["exact", "WEST WING RACK 7", 1],
    ["empty", "", 21],
    ["notEmpty", "", 40],
  ])("finds descriptions that %s %j: %i", async (match, q, total) => {
    const answer = await list(`field=description&match=${match}&q=${encodeURIComponent(q)}&pageSize=100`);
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(total);
    const expected = [{ description: "" }, ...LAB].filter((g) => {
      const d = g.description.toLowerCase();
      const s = q.toLowerCase();
      return { begins: d.startsWith(s), contains: d.includes(s), ends: d.endsWith(s), exact: d === s, empty: d === "", notEmpty: d !== "" }[
        match as "begins"
      ];
    });
    expect(expected).toHaveLength(total);
  });

  it("combines a search with paging", async () => {
    const answer = await list("field=description&match=notEmpty&page=2&pageSize=25");
    expect(answer.body.total).toBe(40);
    expect(answer.body.items).toHaveLength(15);
  });

  it("sorts by name ascending and descending", async () => {
    expect(names(await list("q=lab-prg&pageSize=100&sort=name"))).toEqual(labNames(LAB));
    expect(names(await list("q=lab-prg&pageSize=100&sort=-name"))).toEqual(labNames(LAB).reverse());
  });

  it("sorts by users, fewest or most first", async () => {
    const byUsers = labNames([...LAB].sort((a, b) => a.users - b.users));
    const asc = await list("q=lab-prg&pageSize=100&sort=users");
    expect(names(asc)).toEqual(byUsers);
    expect(asc.body.items[0].userCount).toBe(1);
    const desc = await list("q=lab-prg&pageSize=100&sort=-users");
    expect(names(desc)).toEqual([...byUsers].reverse());
    expect(desc.body.items[0].userCount).toBe(60);
  });

  it("sorts by Presence Server 1 host name", async () => {
    // lab-node-001 is Presence Server 1 of lab-prg-60.
    expect(names(await list("q=lab-prg&pageSize=100&sort=server1"))).toEqual(labNames(LAB).reverse());
    expect(names(await list("q=lab-prg&pageSize=100&sort=-server1"))).toEqual(labNames(LAB));
    const all = await list("pageSize=100&sort=server1");
    expect(all.body.items.map((g: GroupView) => g.server1?.hostName)).toEqual(
      ["imp-pub", ...LAB.map((g) => g.server1)].sort((a, b) => a.localeCompare(b)),
    );
  });

  it("sorts by Presence Server 2, groups without one last", async () => {
    const answer = await list("q=lab-prg&pageSize=100&sort=server2");
    expect(names(answer)).toEqual([...labNames(LAB.slice(40)), ...labNames(LAB.slice(0, 40))]);
  });

  it("sorts by the High Availability flag, then by name", async () => {
    const off = LAB.filter((g) => !g.haEnabled);
    const on = LAB.filter((g) => g.haEnabled);
    expect(on).toHaveLength(10);
    const asc = await list("q=lab-prg&pageSize=100&sort=haEnabled");
    expect(names(asc)).toEqual([...labNames(off), ...labNames(on)]);
    const desc = await list("q=lab-prg&pageSize=100&sort=-haEnabled");
    expect(desc.body.items.slice(0, 10).every((g: GroupView) => g.haEnabled)).toBe(true);
    expect(desc.body.items.slice(10).every((g: GroupView) => !g.haEnabled)).toBe(true);
    expect(new Set(names(desc).slice(0, 10))).toEqual(new Set(labNames(on)));
  });

  it.each([
    ["pageSize=10", "pageSize"],
    ["pageSize=abc", "pageSize"],
    ["pageSize=0", "pageSize"],
    ["page=0", "page"],
    ["page=1.5", "page"],
    ["sort=version", "sort"],
    ["field=server1", "field"],
    ["match=like", "match"],
    [`q=${"x".repeat(129)}`, "q"],
  ])("refuses %s with 422 naming the field", async (qs, field) => {
    const error = expectError(await list(qs), 422, "validation_failed", field);
    expect(Object.keys(error.fields!)).toEqual([field]);
  });

  it("needs a session", async () => {
    expectError(await call(groupsRoute.GET, { path: "/api/groups" }), 401, "unauthorized");
  });
});

// ---------------------------------------------------------------------------

describe("Add (POST /api/groups)", () => {
  it("adds a group: 201 with the group view at version 1, and its nodes now show the group", async () => {
    const s1 = await freeNode();
    const s2 = await freeNode();
    const answer = await add({ name: "Add-Pair_1", description: "Rack 4, east (A/B) ü", server1Id: s1.id, server2Id: s2.id });
    expect(answer.status).toBe(201);
    const server = (n: { id: number; hostName: string }) => ({
      id: n.id,
      hostName: n.hostName,
      softwareVersion: DEMO_VERSION,
      isPublisher: false,
      userCount: 0,
    });
    expect(answer.body).toEqual({
      id: expect.any(Number),
      name: "Add-Pair_1",
      cluster: { id: expect.any(Number), name: DEMO_CLUSTER },
      description: "Rack 4, east (A/B) ü",
      haEnabled: false,
      version: 1,
      server1: server(s1),
      server2: server(s2),
      userCount: 0,
      holdsPublisher: false,
      updatedAt: expect.any(String),
    });
    expect((await get(answer.body.id)).body).toEqual(answer.body);

    const group = { id: answer.body.id, name: "Add-Pair_1" };
    expect((await nodeAsListed(s1.hostName))?.group).toEqual({ ...group, position: 1 });
    expect((await nodeAsListed(s2.hostName))?.group).toEqual({ ...group, position: 2 });
    expect(await nodeAsListed(s1.hostName, "&assignableTo=new")).toBeUndefined();
    expect((await nodeAsListed(s1.hostName, `&assignableTo=${group.id}`))?.id).toBe(s1.id);
  });

  it("adds a group with one Presence Server, no description and High Availability off by default", async () => {
    const s1 = await freeNode();
    const answer = await add({ name: "single-node", server1Id: s1.id });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ description: "", haEnabled: false, server2: null, version: 1 });
  });

  it("adds a group with High Availability enabled on two nodes", async () => {
    const s1 = await freeNode();
    const s2 = await freeNode();
    const answer = await add({ name: "ha-pair", server1Id: s1.id, server2Id: s2.id, haEnabled: true });
    expect(answer.status).toBe(201);
    expect(answer.body.haEnabled).toBe(true);
  });

  it("accepts a name and a description of exactly 128 characters", async () => {
    const s1 = await freeNode();
    const answer = await add({ name: "N".repeat(128), description: "d".repeat(128), server1Id: s1.id });
    expect(answer.status).toBe(201);
    expect(answer.body.name).toHaveLength(128);
  });

  it.each([
    ["missing", undefined, "Name is required"],
    ["empty", "", "Name is required"],
    ["over 128 characters", "N".repeat(129), "Name may be at most 128 characters"],
    ["with a space", "East Pair", "Name may contain only letters, digits, _ and -"],
    ["with a dot", "east.pair", "Name may contain only letters, digits, _ and -"],
    ["with unicode letters", "Büro-Köln", "Name may contain only letters, digits, _ and -"],
    ["in another script", "東京", "Name may contain only letters, digits, _ and -"],
  ])("refuses a name %s with 422 on name, changing nothing", async (_, name, message) => {
    const server1Id = await idOf("imp-sub1");
    const answer = await withoutChange(() => add({ name, server1Id }));
    const error = expectError(answer, 422, "validation_failed", "name");
    expect(error.fields!.name).toBe(message);
  });

  it.each(["defaultcupsubcluster", "DEFAULTCUPSUBCLUSTER", "LAB-PRG-01"])(
    "refuses the taken name %s (names compare without case) with 409 on name, changing nothing",
    async (name) => {
      const server1Id = await idOf("imp-sub1");
      const error = expectError(await withoutChange(() => add({ name, server1Id })), 409, "conflict", "name");
      expect(error.message).toContain(name);
    },
  );

  it("adds only one of two groups added at once under the same name in different case", async () => {
    const a = await freeNode();
    const b = await freeNode();
    const answers = await Promise.all([add({ name: "twin-name", server1Id: a.id }), add({ name: "TWIN-NAME", server1Id: b.id })]);
    expect(answers.map((x) => x.status).sort()).toEqual([201, 409]);
    expectError(answers.find((x) => x.status === 409)!, 409, "conflict", "name");
    expect(await runtime().db.presenceRedundancyGroup.count({ where: { nameKey: "twin-name" } })).toBe(1);
    const loserNode = answers[0]!.status === 201 ? b : a;
    expect((await nodeAsListed(loserNode.hostName))?.group).toBeNull();
  });

  it("refuses a description over 128 characters with 422 on description, changing nothing", async () => {
    const server1Id = await idOf("imp-sub1");
    const answer = await withoutChange(() => add({ name: "desc-long", description: "d".repeat(129), server1Id }));
    expect(expectError(answer, 422, "validation_failed", "description").fields!.description).toBe(
      "Description may be at most 128 characters",
    );
  });

  it.each(['"', "%", "&", "\\", "<", ">"])("refuses a description containing %s with 422 on description, changing nothing", async (ch) => {
    const server1Id = await idOf("imp-sub1");
    const answer = await withoutChange(() => add({ name: "desc-bad", description: `rack ${ch} east`, server1Id }));
    expectError(answer, 422, "validation_failed", "description");
  });

  it("needs Presence Server 1: 422 on server1Id", async () => {
    const answer = await withoutChange(() => add({ name: "no-server" }));
    expect(expectError(answer, 422, "validation_failed", "server1Id").fields!.server1Id).toBe("Presence Server 1 is required");
  });

  it("refuses the same node as both Presence Servers: 422 on server2Id", async () => {
    const id = await idOf("imp-sub1");
    const answer = await withoutChange(() => add({ name: "same-twice", server1Id: id, server2Id: id }));
    expectError(answer, 422, "validation_failed", "server2Id");
  });

  it("refuses a node already in another group (the publisher in DefaultCUPSubCluster) with 409 on the field that chose it", async () => {
    const pub = await idOf("imp-pub");
    const sub1 = await idOf("imp-sub1");
    const as1 = expectError(await withoutChange(() => add({ name: "steal-pub", server1Id: pub, server2Id: sub1 })), 409, "conflict", "server1Id");
    expect(as1.fields!.server1Id).toContain("DefaultCUPSubCluster");
    expect(as1.fields).not.toHaveProperty("server2Id");
    const as2 = expectError(await withoutChange(() => add({ name: "steal-pub", server1Id: sub1, server2Id: pub })), 409, "conflict", "server2Id");
    expect(as2.fields!.server2Id).toContain("imp-pub");
  });

  it("refuses two nodes on different software versions (imp-sub1 and imp-sub5): 422 on server2Id", async () => {
    const answer = await withoutChange(async () => add({ name: "mixed-versions", server1Id: await idOf("imp-sub1"), server2Id: await idOf("imp-sub5") }));
    const error = expectError(answer, 422, "validation_failed", "server2Id");
    expect(error.fields!.server2Id).toContain(DEMO_OTHER_VERSION);
    expect(error.fields!.server2Id).toContain(DEMO_VERSION);
  });

  it("refuses two nodes of different clusters: 422 on server2Id", async () => {
    const addOther = async (hostName: string) => {
      const created = await call(nodesRoute.POST, {
        method: "POST",
        path: "/api/nodes",
        body: { hostName, softwareVersion: DEMO_VERSION, cluster: "imp-cluster-02" },
        cookie,
      });
      expect(created.status).toBe(201);
      return created.body;
    };
    await addOther("imp-b-pub");
    const other = await addOther("imp-b-sub1");
    const sub1 = await idOf("imp-sub1");
    const answer = await withoutChange(() => add({ name: "two-clusters", server1Id: sub1, server2Id: other.id }));
    expect(expectError(answer, 422, "validation_failed", "server2Id").fields!.server2Id).toContain("imp-cluster-02");
    const reversed = await withoutChange(() => add({ name: "two-clusters", server1Id: other.id, server2Id: sub1 }));
    expectError(reversed, 422, "validation_failed", "server2Id");
  });

  it("gives each cluster its own DefaultCUPSubCluster: names are unique within a cluster, not across clusters", async () => {
    const pub = await runtime().db.node.findUniqueOrThrow({ where: { hostName: "imp-b-pub" }, include: { group: { include: { cluster: true } } } });
    expect(pub.group).toMatchObject({ name: "DefaultCUPSubCluster", cluster: { name: "imp-cluster-02" } });
    const defaults = (await list("field=name&match=exact&q=DefaultCUPSubCluster")).body.items as GroupView[];
    expect(defaults.map((g) => [g.name, g.cluster.name, g.server1?.hostName])).toEqual([
      ["DefaultCUPSubCluster", DEMO_CLUSTER, "imp-pub"],
      ["DefaultCUPSubCluster", "imp-cluster-02", "imp-b-pub"],
    ]);
    const sub = await idOf("imp-b-sub1");
    const sameNameElsewhere = await add({ name: "LAB-PRG-01", server1Id: sub });
    expect(sameNameElsewhere.status).toBe(201);
    expect(sameNameElsewhere.body.cluster.name).toBe("imp-cluster-02");
    const another = await freeNode({ cluster: "imp-cluster-02" });
    const taken = expectError(await withoutChange(() => add({ name: "lab-prg-01", server1Id: another.id })), 409, "conflict", "name");
    expect(taken.message).toBe("A Presence Redundancy Group named lab-prg-01 already exists in imp-cluster-02");
    expect((await remove(sameNameElsewhere.body.id, 1)).status).toBe(204);
  });

  it("refuses High Availability with one Presence Server: 422 on haEnabled", async () => {
    const answer = await withoutChange(async () => add({ name: "ha-alone", server1Id: await idOf("imp-sub1"), haEnabled: true }));
    expect(expectError(answer, 422, "validation_failed", "haEnabled").fields!.haEnabled).toBe("High Availability needs two Presence Servers");
  });

  it("refuses an unknown node id: 422 on the field that names it", async () => {
    const sub1 = await idOf("imp-sub1");
    expectError(await withoutChange(() => add({ name: "ghost", server1Id: 999999 })), 422, "validation_failed", "server1Id");
    expectError(await withoutChange(() => add({ name: "ghost", server1Id: sub1, server2Id: 999999 })), 422, "validation_failed", "server2Id");
  });

  it.each([
    ["a string", "2"],
    ["a fraction", 2.5],
    ["zero", 0],
  ])("refuses a node id that is %s: 422 on server1Id", async (_, server1Id) => {
    expectError(await withoutChange(() => add({ name: "bad-id", server1Id })), 422, "validation_failed", "server1Id");
  });

  it.each([
    ["malformed JSON", "{\"name\": \"x\","],
    ["an empty body", ""],
  ])("answers %s with 400, changing nothing", async (_, rawBody) => {
    const answer = await withoutChange(() => call(groupsRoute.POST, { method: "POST", path: "/api/groups", rawBody, cookie }));
    expectError(answer, 400, "malformed_request");
  });

  it("needs a session: 401, changing nothing", async () => {
    const server1Id = await idOf("imp-sub1");
    expectError(await withoutChange(() => add({ name: "anonymous", server1Id }, "")), 401, "unauthorized");
    expectError(await withoutChange(() => add({ name: "anonymous", server1Id }, "prg_session=forged")), 401, "unauthorized");
  });
});

// ---------------------------------------------------------------------------

describe("Edit (PATCH /api/groups/{id})", () => {
  it("saves a change and increments the version", async () => {
    const { group } = await newGroup();
    const first = await patch(group.id, { version: 1, description: "moved to rack 9" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: group.id, version: 2, description: "moved to rack 9", name: group.name });
    expect((await get(group.id)).body).toEqual(first.body);
    const second = await patch(group.id, { version: 2, name: `${group.name}-renamed` });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 3, name: `${group.name}-renamed`, description: "moved to rack 9" });
  });

  it("refuses a stale version with 409 conflict holding the current group in error.current, changing nothing", async () => {
    const { group } = await newGroup();
    expect((await patch(group.id, { version: 1, description: "first admin" })).status).toBe(200);
    const answer = await withoutChange(() => patch(group.id, { version: 1, description: "second admin" }));
    const error = expectError(answer, 409, "conflict", "version");
    expect(error.current).toEqual((await get(group.id)).body);
    expect(error.current).toMatchObject({ version: 2, description: "first admin" });
  });

  it("lets exactly one of two concurrent saves of the same version win", async () => {
    const { group } = await newGroup();
    const answers = await Promise.all([
      patch(group.id, { version: 1, description: "admin A" }),
      patch(group.id, { version: 1, description: "admin B" }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!;
    const loser = answers.find((a) => a.status === 409)!;
    expectError(loser, 409, "conflict", "version");
    const now = (await get(group.id)).body;
    expect(now).toMatchObject({ version: 2, description: winner.body.description });
    expect(loser.body.error.current).toMatchObject({ version: 2, description: winner.body.description });
  });

  it("lets exactly one of two concurrent server changes of the same version win, and frees the loser's node", async () => {
    const { group } = await newGroup();
    const a = await freeNode();
    const b = await freeNode();
    const answers = await Promise.all([patch(group.id, { version: 1, server2Id: a.id }), patch(group.id, { version: 1, server2Id: b.id })]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    const winner = answers.find((x) => x.status === 200)!.body as GroupView;
    const loserNode = winner.server2!.id === a.id ? b : a;
    expect((await get(group.id)).body.server2.id).toBe(winner.server2!.id);
    expect((await nodeAsListed(loserNode.hostName))?.group).toBeNull();
  });

  it("lets exactly one of two groups created at once claim the same free node; the node is in one group", async () => {
    for (let round = 0; round < 3; round++) {
      const contested = await freeNode();
      const a = await freeNode();
      const b = await freeNode();
      const answers = await Promise.all([
        add({ name: `race-a-${round}`, server1Id: a.id, server2Id: contested.id }),
        add({ name: `race-b-${round}`, server1Id: contested.id, server2Id: b.id }),
      ]);
      expect(answers.map((x) => x.status).sort()).toEqual([201, 409]);
      const winner = answers.find((x) => x.status === 201)!.body as GroupView;
      const loser = answers.find((x) => x.status === 409)!;
      const field = winner.name.startsWith("race-a") ? "server1Id" : "server2Id";
      expectError(loser, 409, "conflict", field);

      const db = runtime().db;
      const node = await db.node.findUniqueOrThrow({ where: { id: contested.id } });
      expect(node.groupId).toBe(winner.id);
      const loserName = winner.name.startsWith("race-a") ? `race-b-${round}` : `race-a-${round}`;
      expect(await db.presenceRedundancyGroup.count({ where: { name: loserName } })).toBe(0);
      const loserOwnNode = winner.name.startsWith("race-a") ? b : a;
      expect((await nodeAsListed(loserOwnNode.hostName))?.group).toBeNull();
    }
  });

  it("lets exactly one of two groups created at once win when both claim the same two nodes in opposite order", async () => {
    for (let round = 0; round < 5; round++) {
      const x = await freeNode();
      const y = await freeNode();
      const answers = await Promise.all([
        add({ name: `cross-a-${round}`, server1Id: x.id, server2Id: y.id }),
        add({ name: `cross-b-${round}`, server1Id: y.id, server2Id: x.id }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      const winner = answers.find((r) => r.status === 201)!.body as GroupView;
      expectError(answers.find((r) => r.status === 409)!, 409, "conflict");
      const db = runtime().db;
      const claimed = await db.node.findMany({ where: { id: { in: [x.id, y.id] } } });
      expect(claimed.map((n) => n.groupId)).toEqual([winner.id, winner.id]);
    }
  });

  it("refuses renaming to another group's name in any case with 409 on name, changing nothing", async () => {
    const { group } = await newGroup();
    for (const name of ["LAB-PRG-02", "defaultCUPsubcluster"]) {
      const error = expectError(await withoutChange(() => patch(group.id, { version: 1, name })), 409, "conflict", "name");
      expect(error.message).toContain(name);
    }
  });

  it("allows changing only the case of a group's own name", async () => {
    const { group } = await newGroup({ name: "case-change" });
    const answer = await patch(group.id, { version: 1, name: "CASE-Change" });
    expect(answer.status).toBe(200);
    expect(answer.body.name).toBe("CASE-Change");
  });

  it("refuses changing the Presence Servers while High Availability is enabled with 409, changing nothing", async () => {
    const { group, s2 } = await newGroup({ haEnabled: true });
    const other = await freeNode();
    const error = expectError(await withoutChange(() => patch(group.id, { version: 1, server2Id: other.id })), 409, "conflict", "haEnabled");
    expect(error.message).toMatch(/Disable High Availability/);
    expectError(await withoutChange(() => patch(group.id, { version: 1, server2Id: null, haEnabled: false })), 409, "conflict", "haEnabled");
    expectError(await withoutChange(() => patch(group.id, { version: 1, server1Id: s2!.id, server2Id: group.server1!.id })), 409, "conflict", "haEnabled");

    // Disabling HA first, then changing the servers, is the documented way.
    const off = await patch(group.id, { version: 1, haEnabled: false });
    expect(off.status).toBe(200);
    const changed = await patch(group.id, { version: 2, server2Id: other.id });
    expect(changed.status).toBe(200);
    expect(changed.body.server2.id).toBe(other.id);
  });

  it("replaces Presence Server 2: the new node joins the group and the old one returns to the unassigned pool", async () => {
    const { group, s2 } = await newGroup({ servers: 2 });
    const other = await freeNode();
    const answer = await patch(group.id, { version: 1, server2Id: other.id });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ version: 2, server2: { id: other.id } });
    expect((await nodeAsListed(other.hostName))?.group).toEqual({ id: group.id, name: group.name, position: 2 });
    expect((await nodeAsListed(s2!.hostName, "&assignableTo=new"))?.group).toBeNull();
  });

  it("swaps Presence Server 1 and 2", async () => {
    const { group, s1, s2 } = await newGroup({ servers: 2 });
    const answer = await patch(group.id, { version: 1, server1Id: s2!.id, server2Id: s1.id });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ server1: { id: s2!.id }, server2: { id: s1.id } });
    expect((await nodeAsListed(s1.hostName))?.group?.position).toBe(2);
  });

  it("enables High Availability on a pair; once it is disabled, Presence Server 2 can be removed", async () => {
    const { group, s2 } = await newGroup({ servers: 2 });
    const ha = await patch(group.id, { version: 1, haEnabled: true });
    expect(ha.status).toBe(200);
    expect(ha.body.haEnabled).toBe(true);
    expect((await patch(group.id, { version: 2, haEnabled: false })).status).toBe(200);
    const single = await patch(group.id, { version: 3, server2Id: null });
    expect(single.status).toBe(200);
    expect(single.body.server2).toBeNull();
    expect((await nodeAsListed(s2!.hostName))?.group).toBeNull();
  });

  it("refuses removing the publisher from DefaultCUPSubCluster with 422 naming it, changing nothing", async () => {
    const def = await defaultGroup();
    const replacement = await freeNode();
    const answer = await withoutChange(() => patch(def.id, { version: def.version, server1Id: replacement.id }));
    const error = expectError(answer, 422, "validation_failed", "server1Id");
    expect(error.fields!.server1Id).toContain("imp-pub");
  });

  it("allows renaming DefaultCUPSubCluster; the publisher stays in it", async () => {
    const def = await defaultGroup();
    const renamed = await patch(def.id, { version: def.version, name: "Main-Subcluster" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Main-Subcluster", holdsPublisher: true, server1: { hostName: "imp-pub" } });
    expect((await nodeAsListed("imp-pub"))?.group?.name).toBe("Main-Subcluster");
    const back = await patch(def.id, { version: renamed.body.version, name: "DefaultCUPSubCluster" });
    expect(back.status).toBe(200);
  });

  describe("checks the merged result with the rules of Add", () => {
    it.each([
      ["High Availability with one Presence Server", () => ({ haEnabled: true }), 422, "haEnabled"],
      ["the same node twice", (g: GroupView) => ({ server2Id: g.server1!.id }), 422, "server2Id"],
      ["a node on another software version", async () => ({ server2Id: await idOf("imp-sub5") }), 422, "server2Id"],
      ["a node of another cluster", async () => ({ server2Id: await idOf("imp-b-sub1") }), 422, "server2Id"],
      ["Presence Server 1 of another cluster", async () => ({ server1Id: (await freeNode({ cluster: "imp-cluster-02" })).id }), 422, "server1Id"],
      ["a node in another group as Presence Server 2", async () => ({ server2Id: await idOf("imp-pub") }), 409, "server2Id"],
      ["a node in another group as Presence Server 1", async () => ({ server1Id: await idOf("lab-node-001") }), 409, "server1Id"],
      ["an unknown node", () => ({ server2Id: 999999 }), 422, "server2Id"],
      ["no Presence Server 1", () => ({ server1Id: null }), 422, "server1Id"],
      ["an empty name", () => ({ name: "" }), 422, "name"],
      ["a name with a space", () => ({ name: "a b" }), 422, "name"],
      ["a name over 128 characters", () => ({ name: "n".repeat(129) }), 422, "name"],
      ["a description with &", () => ({ description: "R&D" }), 422, "description"],
      ["a description over 128 characters", () => ({ description: "d".repeat(129) }), 422, "description"],
    ] as const)("refuses %s, changing nothing", async (_, change, status, field) => {
      const { group } = await newGroup();
      const body = { version: 1, ...(await change(group)) };
      const answer = await withoutChange(() => patch(group.id, body));
      expectError(answer, status, status === 409 ? "conflict" : "validation_failed", field);
    });

    it("refuses making Presence Server 1 the node that stays Presence Server 2", async () => {
      const { group, s2 } = await newGroup({ servers: 2 });
      expectError(await withoutChange(() => patch(group.id, { version: 1, server1Id: s2!.id })), 422, "validation_failed", "server2Id");
    });

    it("refuses removing Presence Server 2 while enabling High Availability", async () => {
      const { group } = await newGroup({ servers: 2 });
      const answer = await withoutChange(() => patch(group.id, { version: 1, server2Id: null, haEnabled: true }));
      expectError(answer, 422, "validation_failed", "haEnabled");
    });
  });

  it("needs the version: 422 on version, changing nothing", async () => {
    const { group } = await newGroup();
    expectError(await withoutChange(() => patch(group.id, { description: "x" })), 422, "validation_failed", "version");
    expectError(await withoutChange(() => patch(group.id, { version: 0, description: "x" })), 422, "validation_failed", "version");
    expectError(await withoutChange(() => patch(group.id, { version: "1", description: "x" })), 422, "validation_failed", "version");
  });

  it.each(["999999", "abc", "0"])("answers 404 for unknown id %s", async (id) => {
    expectError(await withoutChange(() => patch(id, { version: 1, description: "x" })), 404, "not_found");
    expectError(await get(id), 404, "not_found");
  });

  it("answers malformed JSON with 400 and no session with 401, changing nothing", async () => {
    const { group } = await newGroup();
    const malformed = await withoutChange(() =>
      call(groupRoute.PATCH, { method: "PATCH", path: `/api/groups/${group.id}`, params: { id: String(group.id) }, rawBody: "{version:1}", cookie }),
    );
    expectError(malformed, 400, "malformed_request");
    expectError(await withoutChange(() => patch(group.id, { version: 1, description: "x" }, "")), 401, "unauthorized");
  });
});

// ---------------------------------------------------------------------------

describe("Delete (DELETE /api/groups/{id})", () => {
  it("deletes a group with 204; its nodes return to the unassigned pool", async () => {
    const { group, s1, s2 } = await newGroup({ servers: 2 });
    expect(await nodeAsListed(s1.hostName, "&assignableTo=new")).toBeUndefined();
    const before = (await list()).body.total;
    const answer = await remove(group.id, group.version);
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
    expectError(await get(group.id), 404, "not_found");
    expect((await list()).body.total).toBe(before - 1);
    for (const n of [s1, s2!]) {
      const listed = await nodeAsListed(n.hostName, "&assignableTo=new");
      expect(listed?.id).toBe(n.id);
      expect(listed?.group).toBeNull();
    }
  });

  it("deletes with the current version given as ?version=", async () => {
    const { group } = await newGroup();
    expect((await patch(group.id, { version: 1, description: "v2" })).status).toBe(200);
    expect((await remove(group.id, 2)).status).toBe(204);
  });

  it("refuses a stale ?version= with 409 holding the current group, changing nothing", async () => {
    const { group } = await newGroup();
    expect((await patch(group.id, { version: 1, description: "v2" })).status).toBe(200);
    const error = expectError(await withoutChange(() => remove(group.id, 1)), 409, "conflict", "version");
    expect(error.current).toEqual((await get(group.id)).body);
  });

  it("refuses deleting DefaultCUPSubCluster, which holds the publisher, with 409 naming the publisher, changing nothing", async () => {
    const def = await defaultGroup();
    const error = expectError(await withoutChange(() => remove(def.id, def.version)), 409, "conflict");
    expect(error.message).toContain("imp-pub");
    expect(error.message).toContain("publisher");
  });

  it.each(["999999", "abc", "-3"])("answers 404 for unknown id %s", async (id) => {
    expectError(await withoutChange(() => remove(id, 1)), 404, "not_found");
  });

  it("answers 404 when the group was deleted already", async () => {
    const { group } = await newGroup();
    expect((await remove(group.id, group.version)).status).toBe(204);
    expectError(await remove(group.id, group.version), 404, "not_found");
  });

  it("refuses a missing version, or one that is not a number, with 422 on version, changing nothing", async () => {
    const { group } = await newGroup();
    expectError(await withoutChange(() => remove(group.id)), 422, "validation_failed", "version");
    expectError(await withoutChange(() => remove(group.id, "abc")), 422, "validation_failed", "version");
  });

  it("needs a session: 401, changing nothing", async () => {
    const { group } = await newGroup();
    expectError(await withoutChange(() => remove(group.id, undefined, "")), 401, "unauthorized");
  });

  it("lets only one of a delete and a save of the same version happen", async () => {
    const { group, s1 } = await newGroup();
    const [deleted, saved] = await Promise.all([remove(group.id, 1), patch(group.id, { version: 1, description: "late" })]);
    expect([deleted.status, saved.status].filter((s) => s === 204 || s === 200)).toHaveLength(1);
    if (deleted.status === 204) {
      expect([404, 409]).toContain(saved.status);
      expectError(await get(group.id), 404, "not_found");
      expect((await nodeAsListed(s1.hostName))?.group).toBeNull();
    } else {
      expectError(deleted, 409, "conflict");
      expect((await get(group.id)).body).toMatchObject({ version: 2, description: "late" });
    }
  });
});
