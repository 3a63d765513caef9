import { beforeAll, describe, expect, it } from "vitest";
import * as clustersRoute from "@/app/api/clusters/route.ts";
import * as nodesRoute from "@/app/api/nodes/route.ts";
import * as nodeRoute from "@/app/api/nodes/[id]/route.ts";
import * as groupsRoute from "@/app/api/groups/route.ts";
import { SERVICE_NAMES } from "@/lib/domain/services.ts";
import { DEMO_CLUSTER, DEMO_VERSION } from "@/lib/inventory/demo-seed.ts";
import { call, type Answer } from "./support/call.ts";
import { expectError, leavesUnchanged } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

const addNode = (body: unknown, c = cookie) => call(nodesRoute.POST, { method: "POST", path: "/api/nodes", body, cookie: c });
const getNode = (id: number | string) => call(nodeRoute.GET, { path: `/api/nodes/${id}`, params: { id: String(id) }, cookie });
const deleteNode = (id: number | string, c = cookie) =>
  call(nodeRoute.DELETE, { method: "DELETE", path: `/api/nodes/${id}`, params: { id: String(id) }, cookie: c });
const listNodes = (qs: string) => call(nodesRoute.GET, { path: `/api/nodes?${qs}`, cookie });
const clusters = async () => {
  const answer = await call(clustersRoute.GET, { path: "/api/clusters", cookie });
  expect(answer.status).toBe(200);
  return answer.body.items as { id: number; name: string; publisher: string | null; nodeCount: number }[];
};
const node = (hostName: string, over: Record<string, unknown> = {}) => ({
  hostName,
  softwareVersion: DEMO_VERSION,
  cluster: DEMO_CLUSTER,
  ...over,
});

/** Every node, cluster and service row, to prove a rejected request changed nothing. */
async function snapshot() {
  const db = runtime().db;
  const [nodes, clusterRows, services, groups] = await Promise.all([
    db.node.findMany({ orderBy: { id: "asc" } }),
    db.cluster.findMany({ orderBy: { id: "asc" } }),
    db.nodeService.count(),
    db.presenceRedundancyGroup.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { nodes, clusterRows, services, groups };
}

const withoutChange = (act: () => Promise<Answer>) => leavesUnchanged(snapshot, act);

describe("Server Add New (POST /api/nodes)", () => {
  it.each([
    ["a short host name", "imp-sub6"],
    ["a one-letter host name", "x"],
    ["a fully qualified name in mixed case", "IMP-Lab.Example.COM"],
    ["a name starting with a digit", "9imp"],
    ["a 63-character label", `${"a".repeat(63)}.example.com`],
    ["an IPv4 address", "10.0.0.17"],
    ["the highest IPv4 address", "255.255.255.255"],
  ])("accepts %s (%s): 201, a free node with every service started", async (_, hostName) => {
    const answer = await addNode(node(hostName));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject({
      id: expect.any(Number),
      hostName,
      softwareVersion: DEMO_VERSION,
      cluster: { name: DEMO_CLUSTER },
      isPublisher: false,
      replicationState: 2,
      group: null,
    });
    expect(answer.body.services.map((s: { name: string }) => s.name)).toEqual(SERVICE_NAMES);
    expect(answer.body.services.every((s: { status: string }) => s.status === "STARTED")).toBe(true);
    expect((await getNode(answer.body.id)).body).toEqual(answer.body);
    const free = await listNodes(`field=hostName&match=exact&q=${hostName}&assignableTo=new`);
    expect(free.body.items.map((n: { id: number }) => n.id)).toEqual([answer.body.id]);
  });

  it("keeps the replication state it is given", async () => {
    const answer = await addNode(node("imp-repl-0", { replicationState: 0 }));
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ replicationState: 0, replicationMeaning: expect.any(String) });
  });

  it.each([
    ["-bad", "starting with -"],
    ["bad-", "ending with -"],
    ["a..b", "with an empty label"],
    [".lead", "starting with a dot"],
    ["trail.", "ending with a dot"],
    ["under_score", "with an underscore"],
    ["has space", "with a space"],
    ["bücher", "with unicode letters"],
    ["999.1.1.1", "an IPv4 address out of range"],
    ["1.2.3", "three numbers"],
    ["1.2.3.4.5", "five numbers"],
    ["01.2.3.4", "an IPv4 address with a leading zero"],
    [`${"a".repeat(64)}.example.com`, "a 64-character label"],
    [`${"abcdefghi.".repeat(25)}abcd`, "over 253 characters"],
    ["", "empty"],
  ])("refuses the host name %j (%s): 422 on hostName, changing nothing", async (hostName) => {
    const answer = await withoutChange(() => addNode(node(hostName)));
    expectError(answer, 422, "validation_failed", "hostName");
  });

  it("needs a host name: 422 on hostName", async () => {
    const answer = await withoutChange(() => addNode({ softwareVersion: DEMO_VERSION, cluster: DEMO_CLUSTER }));
    expect(expectError(answer, 422, "validation_failed", "hostName").fields!.hostName).toBe("Host Name/IP Address is required");
  });

  it.each(["imp-sub1", "IMP-SUB1", "Imp-Pub"])("refuses the taken host name %s (compared without case): 409 on hostName, changing nothing", async (hostName) => {
    const error = expectError(await withoutChange(() => addNode(node(hostName))), 409, "conflict", "hostName");
    expect(error.message.toLowerCase()).toContain(hostName.toLowerCase());
  });

  it.each(["", "15", "15.0", "v15.0.1.12900-12", "15.0.1.12900-12a", "15.0.1.2.3.4", "15.0.1.12900-"])(
    "refuses the software version %j: 422 on softwareVersion, changing nothing",
    async (softwareVersion) => {
      const answer = await withoutChange(() => addNode(node("imp-badver", { softwareVersion })));
      expectError(answer, 422, "validation_failed", "softwareVersion");
    },
  );

  it.each(["14.0.1", "15.0.1.12900", "15.0.1.12900-12"])("accepts the software version %s", async (softwareVersion) => {
    const answer = await addNode(node(`imp-ver-${softwareVersion.replaceAll(".", "-")}`, { softwareVersion }));
    expect(answer.status).toBe(201);
    expect(answer.body.softwareVersion).toBe(softwareVersion);
  });

  it.each([
    ["a missing cluster", { cluster: undefined }, "cluster"],
    ["a cluster with a space", { cluster: "imp cluster" }, "cluster"],
    ["a replication state of 5", { replicationState: 5 }, "replicationState"],
    ["a replication state that is text", { replicationState: "2" }, "replicationState"],
  ])("refuses %s: 422 naming the field, changing nothing", async (_, over, field) => {
    const answer = await withoutChange(() => addNode(node("imp-badfield", over)));
    expectError(answer, 422, "validation_failed", field);
  });

  it("makes the first node of a new cluster its database publisher, in the cluster's own DefaultCUPSubCluster, and later nodes subscribers", async () => {
    const first = await addNode(node("imp-c3-pub", { cluster: "imp-cluster-03" }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ isPublisher: true, cluster: { name: "imp-cluster-03" }, group: { name: "DefaultCUPSubCluster", position: 1 } });
    const group = await runtime().db.presenceRedundancyGroup.findUniqueOrThrow({ where: { id: first.body.group.id }, include: { cluster: true } });
    expect(group.cluster.name).toBe("imp-cluster-03");
    expect((await clusters()).find((c) => c.name === "imp-cluster-03")).toMatchObject({ publisher: "imp-c3-pub", nodeCount: 1 });

    const second = await addNode(node("imp-c3-sub1", { cluster: "imp-cluster-03" }));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ isPublisher: false, group: null });
    expect((await clusters()).find((c) => c.name === "imp-cluster-03")).toMatchObject({ publisher: "imp-c3-pub", nodeCount: 2 });
    // The demo cluster keeps its own publisher.
    expect((await clusters()).find((c) => c.name === DEMO_CLUSTER)?.publisher).toBe("imp-pub");
  });

  it("adds only one of two nodes added at once under the same host name in different case", async () => {
    const answers = await Promise.all([addNode(node("imp-twin")), addNode(node("IMP-TWIN"))]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expectError(answers.find((a) => a.status === 409)!, 409, "conflict", "hostName");
    expect(await runtime().db.node.count({ where: { hostName: { equals: "imp-twin", mode: "insensitive" } } })).toBe(1);
  });

  it("gives a new cluster exactly one publisher when its first two nodes are added at once", async () => {
    const answers = await Promise.all([
      addNode(node("imp-c5-a", { cluster: "imp-cluster-05" })),
      addNode(node("imp-c5-b", { cluster: "imp-cluster-05" })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers.filter((a) => a.body.isPublisher)).toHaveLength(1);
    expect((await clusters()).find((c) => c.name === "imp-cluster-05")).toMatchObject({ nodeCount: 2 });
  });

  it("answers malformed JSON with 400 and no session with 401, changing nothing", async () => {
    const malformed = await withoutChange(() =>
      call(nodesRoute.POST, { method: "POST", path: "/api/nodes", rawBody: "{\"hostName\":", cookie }),
    );
    expectError(malformed, 400, "malformed_request");
    expectError(await withoutChange(() => addNode(node("imp-anon"), "")), 401, "unauthorized");
  });
});

describe("GET /api/nodes?assignableTo", () => {
  it("lists only free nodes for a new group, and free nodes plus its own for an existing group", async () => {
    const a = (await addNode(node("imp-assign-a"))).body;
    const b = (await addNode(node("imp-assign-b"))).body;
    const created = await call(groupsRoute.POST, {
      method: "POST",
      path: "/api/groups",
      body: { name: "assign-test", server1Id: a.id },
      cookie,
    });
    expect(created.status).toBe(201);

    const forNew = await listNodes("assignableTo=new&pageSize=250");
    const newIds = forNew.body.items.map((n: { id: number }) => n.id);
    expect(forNew.body.items.every((n: { group: unknown }) => n.group === null)).toBe(true);
    expect(newIds).toContain(b.id);
    expect(newIds).not.toContain(a.id);
    expect(forNew.body.items.map((n: { hostName: string }) => n.hostName)).not.toContain("imp-pub");

    const forGroup = await listNodes(`assignableTo=${created.body.id}&pageSize=250`);
    const groupIds = forGroup.body.items.map((n: { id: number }) => n.id);
    expect(groupIds).toContain(a.id);
    expect(groupIds).toContain(b.id);
    expect(forGroup.body.total).toBe(forNew.body.total + 1);
  });

  it.each(["abc", "0", "-1"])("refuses assignableTo=%s with 422 naming it", async (value) => {
    expectError(await listNodes(`assignableTo=${value}`), 422, "validation_failed", "assignableTo");
  });
});

describe("Server Delete (DELETE /api/nodes/{id})", () => {
  it("deletes a free node with 204; afterwards it answers 404", async () => {
    const created = (await addNode(node("imp-doomed"))).body;
    const answer = await deleteNode(created.id);
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
    expectError(await getNode(created.id), 404, "not_found");
    expectError(await withoutChange(() => deleteNode(created.id)), 404, "not_found");
    expect(await runtime().db.nodeService.count({ where: { nodeId: created.id } })).toBe(0);
    expect((await listNodes("field=hostName&match=exact&q=imp-doomed")).body.total).toBe(0);
  });

  it("refuses deleting a node in a group with 409 naming the group, changing nothing", async () => {
    const created = (await addNode(node("imp-grouped"))).body;
    const group = await call(groupsRoute.POST, {
      method: "POST",
      path: "/api/groups",
      body: { name: "keeps-its-node", server1Id: created.id },
      cookie,
    });
    expect(group.status).toBe(201);
    const error = expectError(await withoutChange(() => deleteNode(created.id)), 409, "conflict");
    expect(error.message).toContain("keeps-its-node");
    expect((await getNode(created.id)).body.group).toMatchObject({ name: "keeps-its-node" });
  });

  it("refuses deleting the demo publisher, which is in DefaultCUPSubCluster, with 409", async () => {
    const pub = (await listNodes("field=hostName&match=exact&q=imp-pub")).body.items[0];
    const error = expectError(await withoutChange(() => deleteNode(pub.id)), 409, "conflict");
    expect(error.message).toContain("DefaultCUPSubCluster");
  });

  it("refuses deleting a publisher while its cluster has other nodes; the last node takes its cluster and its DefaultCUPSubCluster with it", async () => {
    const pub = (await addNode(node("imp-c4-pub", { cluster: "imp-cluster-04" }))).body;
    const sub = (await addNode(node("imp-c4-sub", { cluster: "imp-cluster-04" }))).body;
    expect(pub.isPublisher).toBe(true);

    const error = expectError(await withoutChange(() => deleteNode(pub.id)), 409, "conflict");
    expect(error.message).toContain("imp-c4-pub");
    expect(error.message).toContain("imp-cluster-04");

    expect((await deleteNode(sub.id)).status).toBe(204);
    expect((await clusters()).find((c) => c.name === "imp-cluster-04")).toMatchObject({ publisher: "imp-c4-pub", nodeCount: 1 });
    expect((await deleteNode(pub.id)).status).toBe(204);
    expect((await clusters()).map((c) => c.name)).not.toContain("imp-cluster-04");
    expect(await runtime().db.presenceRedundancyGroup.count({ where: { id: pub.group.id } })).toBe(0);
  });

  it("refuses deleting the last node of a cluster while end users belong to the cluster, changing nothing", async () => {
    const pub = (await addNode(node("imp-c6-pub", { cluster: "imp-cluster-06" }))).body;
    const db = runtime().db;
    await db.endUser.create({ data: { userId: "c6.user", userKey: "c6.user", firstKey: "", lastKey: "", clusterId: pub.cluster.id } });
    const error = expectError(await withoutChange(() => deleteNode(pub.id)), 409, "conflict");
    expect(error.message).toBe("1 end user belongs to imp-cluster-06, the cluster of its last node imp-c6-pub; delete them first");
    await db.endUser.deleteMany({ where: { userId: "c6.user" } });
    expect((await deleteNode(pub.id)).status).toBe(204);
  });

  it.each(["999999", "abc", "0"])("answers 404 for unknown id %s", async (id) => {
    expectError(await withoutChange(() => deleteNode(id)), 404, "not_found");
  });

  it("needs a session: 401, changing nothing", async () => {
    const created = (await addNode(node("imp-protected"))).body;
    expectError(await withoutChange(() => deleteNode(created.id, "")), 401, "unauthorized");
    expect((await getNode(created.id)).status).toBe(200);
  });
});
