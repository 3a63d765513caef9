import { beforeAll, describe, expect, it } from "vitest";
import * as actionsRoute from "@/app/api/groups/[id]/actions/route.ts";
import * as groupsRoute from "@/app/api/groups/route.ts";
import * as labRoute from "@/app/api/lab/route.ts";
import * as faultsRoute from "@/app/api/nodes/[id]/faults/route.ts";
import * as nodesRoute from "@/app/api/nodes/route.ts";
import * as openapiRoute from "@/app/api/openapi.json/route.ts";
import * as topologyRoute from "@/app/api/topology/route.ts";
import * as userRoute from "@/app/api/users/[id]/route.ts";
import * as importRoute from "@/app/api/users/import/route.ts";
import * as usersRoute from "@/app/api/users/route.ts";
import type { AssignmentMode } from "@/lib/users/assignment.ts";
import { applyAssignmentMode } from "@/lib/users/sync-agent.ts";
import { DEMO_CLUSTER } from "@/lib/inventory/demo-seed.ts";
import { parseRowErrorKey, type TopologyView, type UserView } from "@/lib/schemas/users.ts";
import { call, type Answer } from "./support/call.ts";
import { expectError, leavesUnchanged } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

// ---------------------------------------------------------------------------
// Calls and checks

const list = (qs = "") => call(usersRoute.GET, { path: `/api/users${qs ? `?${qs}` : ""}`, cookie });
const add = (body: unknown, c = cookie) => call(usersRoute.POST, { method: "POST", path: "/api/users", body, cookie: c });
const importCsv = (csv: string) => call(importRoute.POST, { method: "POST", path: "/api/users/import", body: { csv }, cookie });
const remove = (id: number | string, c = cookie) =>
  call(userRoute.DELETE, { method: "DELETE", path: `/api/users/${id}`, params: { id: String(id) }, cookie: c });
const topology = async () => {
  const answer = await call<TopologyView>(topologyRoute.GET, { path: "/api/topology", cookie });
  expect(answer.status).toBe(200);
  return answer.body;
};
const setMode = (mode: AssignmentMode) => applyAssignmentMode(runtime().db, runtime().controller, mode, "admin");

/** What a rejected request must leave as it was. */
async function snapshot() {
  const db = runtime().db;
  const [agg, assigned] = await Promise.all([
    db.endUser.aggregate({ _count: { _all: true }, _max: { id: true } }),
    db.endUser.groupBy({ by: ["assignedNodeId"], _count: { _all: true }, orderBy: { assignedNodeId: "asc" } }),
  ]);
  return { count: agg._count._all, maxId: agg._max.id, assigned };
}

const unchangedBy = <T>(fn: () => Promise<T>) => leavesUnchanged(snapshot, fn);

/** The 422 report of an import as { "row n: column": message }. */
async function rejectedImport(csv: string): Promise<{ message: string; fields: Record<string, string> }> {
  const answer = await unchangedBy(() => importCsv(csv));
  expectError(answer, 422, "validation_failed");
  for (const key of Object.keys(answer.body.error.fields)) expect(parseRowErrorKey(key), key).not.toBeNull();
  return { message: answer.body.error.message, fields: answer.body.error.fields };
}

const csvOf = (header: string, rows: string[]) => [header, ...rows].join("\n") + "\n";

/** A node of the users-lab cluster, whose publisher (users-lab-pub) the "home cluster" tests add first. */
async function addNode(hostName: string): Promise<number> {
  const answer = await call(nodesRoute.POST, {
    method: "POST",
    path: "/api/nodes",
    cookie,
    body: { hostName, softwareVersion: "15.0.1.12900-12", cluster: "users-lab" },
  });
  expect(answer.status).toBe(201);
  return answer.body.id;
}

async function addGroup(name: string, hosts: [string, string], haEnabled = false) {
  const [a, b] = [await addNode(hosts[0]), await addNode(hosts[1])];
  const answer = await call(groupsRoute.POST, { method: "POST", path: "/api/groups", cookie, body: { name, server1Id: a, server2Id: b, haEnabled } });
  expect(answer.status).toBe(201);
  return { groupId: answer.body.id as number, n1: a, n2: b };
}

const assignedTo = (nodeId: number, prefix?: string) =>
  runtime().db.endUser.count({ where: { assignedNodeId: nodeId, ...(prefix ? { userId: { startsWith: prefix } } : {}) } });

// ---------------------------------------------------------------------------

describe("access", () => {
  it("needs a session for every end-user operation", async () => {
    expectError(await call(usersRoute.GET, { path: "/api/users" }), 401, "unauthorized");
    expectError(await add({ userId: "nobody" }, ""), 401, "unauthorized");
    expectError(await remove(1, ""), 401, "unauthorized");
    expectError(await call(importRoute.POST, { method: "POST", path: "/api/users/import", body: { csv: "userId\n" } }), 401, "unauthorized");
    expectError(await call(topologyRoute.GET, { path: "/api/topology" }), 401, "unauthorized");
  });

  it("describes every end-user operation in the OpenAPI document", async () => {
    const doc = (await call(openapiRoute.GET, { path: "/api/openapi.json", cookie })).body;
    expect(Object.keys(doc.paths["/api/users"])).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/users/{id}"])).toEqual(["delete"]);
    expect(doc.paths["/api/users/import"].post.summary).toContain("row <n>: <column>");
    expect(Object.keys(doc.paths["/api/users/import"].post.responses)).toEqual(expect.arrayContaining(["201", "409", "422"]));
    expect(doc.paths["/api/users"].post.responses["409"]).toBeDefined();
    expect(doc.paths["/api/topology"].get).toBeDefined();
  });
});

describe("Add New: every rule at the API", () => {
  const invalid: [string, unknown, string, RegExp][] = [
    ["no User ID", {}, "userId", /User ID is required/],
    ["an empty User ID", { userId: "" }, "userId", /User ID is required/],
    ["a User ID that is not text", { userId: 42 }, "userId", /User ID is required/],
    ["a User ID of 129 characters", { userId: "u".repeat(129) }, "userId", /at most 128 characters/],
    ["a space in the User ID", { userId: "jane doe" }, "userId", /only letters, digits, and \. _ - @/],
    ["a slash in the User ID", { userId: "jane/doe" }, "userId", /only letters, digits, and \. _ - @/],
    ["a non-ASCII letter in the User ID", { userId: "jürgen" }, "userId", /only letters, digits, and \. _ - @/],
    ["a % in the User ID", { userId: "50%" }, "userId", /only letters, digits, and \. _ - @/],
    ["a First Name of 65 characters", { userId: "ok1", firstName: "f".repeat(65) }, "firstName", /at most 64 characters/],
    ["a line break in the Last Name", { userId: "ok2", lastName: "Smith\nJones" }, "lastName", /control characters/],
    ["a Last Name that is not text", { userId: "ok3", lastName: 7 }, "lastName", /Last Name must be text/],
    ["Signed In as a string", { userId: "ok4", signedIn: "yes" }, "signedIn", /Signed In must be true or false/],
  ];
  for (const [what, body, field, message] of invalid) {
    it(`refuses ${what} with 422 naming the field, and adds nothing`, async () => {
      const answer = await unchangedBy(() => add(body));
      expectError(answer, 422, "validation_failed");
      expect(answer.body.error.fields[field]).toMatch(message);
      expect(answer.body.error.message).toContain(field);
    });
  }

  it("refuses malformed JSON with 400", async () => {
    const answer = await unchangedBy(() => call(usersRoute.POST, { method: "POST", path: "/api/users", rawBody: "{userId:", cookie }));
    expectError(answer, 400, "malformed_request");
  });

  it("adds a user with 201; the Sync Agent assigns it and its node serves it", async () => {
    await setMode("Balanced");
    const longest = `${"a".repeat(120)}.b_c-d@e`;
    expect(longest).toHaveLength(128);
    const answer = await add({ userId: longest, firstName: "Ada", lastName: "Lovelace", signedIn: true });
    expect(answer.status).toBe(201);
    const user = answer.body as UserView;
    expect(user).toMatchObject({ userId: longest, firstName: "Ada", lastName: "Lovelace", signedIn: true });
    expect(user.assignedNode).not.toBeNull();
    expect(user.servingNode).toEqual(user.assignedNode);
    const row = await runtime().db.endUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.assignedNodeId).toBe(user.assignedNode!.id);

    const minimal = await add({ userId: "min.user" });
    expect(minimal.status).toBe(201);
    expect(minimal.body).toMatchObject({ firstName: "", lastName: "", signedIn: false });
  });

  it("refuses a User ID that exists in another case with 409 naming the field", async () => {
    expect((await add({ userId: "Grace.Hopper" })).status).toBe(201);
    for (const userId of ["Grace.Hopper", "grace.hopper", "GRACE.HOPPER"]) {
      const answer = await unchangedBy(() => add({ userId }));
      expectError(answer, 409, "conflict");
      expect(answer.body.error.fields.userId).toMatch(/unique/);
      expect(answer.body.error.message).toContain("Grace.Hopper");
    }
  });
});

describe("Find and List", () => {
  let nodeA = 0;
  let nodeB = 0;
  beforeAll(async () => {
    const db = runtime().db;
    nodeA = (await db.node.findUniqueOrThrow({ where: { hostName: "imp-sub1" } })).id;
    nodeB = (await db.node.findUniqueOrThrow({ where: { hostName: "imp-sub2" } })).id;
    const clusterId = (await db.cluster.findUniqueOrThrow({ where: { name: DEMO_CLUSTER } })).id;
    // Placed by hand: the list must show whatever the database holds (with the lower-cased keys every writer keeps).
    await db.endUser.createMany({
      data: [
        { userId: "list-carol", userKey: "list-carol", firstName: "Carol", lastName: "Zeta", firstKey: "carol", lastKey: "zeta", clusterId, assignedNodeId: nodeB, servingNodeId: nodeA, signedIn: true },
        { userId: "list-alice", userKey: "list-alice", firstName: "Alice", lastName: "Young", firstKey: "alice", lastKey: "young", clusterId, assignedNodeId: nodeA, servingNodeId: nodeA },
        { userId: "list-bob", userKey: "list-bob", firstName: "Bob", lastName: "Xavier", firstKey: "bob", lastKey: "xavier", clusterId, assignedNodeId: null, servingNodeId: null },
        { userId: "list_dave", userKey: "list_dave", firstName: "Dave", lastName: "Walker", firstKey: "dave", lastKey: "walker", clusterId, assignedNodeId: nodeB, servingNodeId: nodeB, signedIn: true },
      ],
    });
  });

  const ids = (answer: Answer) => (answer.body.items as UserView[]).map((u) => u.userId);

  it("searches User ID with begins, contains, ends and exact, treating % and _ literally", async () => {
    expect(ids(await list("q=list-"))).toEqual(["list-alice", "list-bob", "list-carol"]);
    expect(ids(await list("q=LIST_"))).toEqual(["list_dave"]);
    expect(ids(await list("match=contains&q=st-b"))).toEqual(["list-bob"]);
    expect(ids(await list("match=ends&q=-carol"))).toEqual(["list-carol"]);
    expect(ids(await list("match=exact&q=LIST-ALICE"))).toEqual(["list-alice"]);
    expect(ids(await list("match=contains&q=%25"))).toEqual([]);
  });

  it("searches first or last name, and the assigned node (is empty = unassigned)", async () => {
    expect(ids(await list("field=name&q=car"))).toEqual(["list-carol"]);
    expect(ids(await list("field=name&q=you"))).toEqual(["list-alice"]);
    const onB = await list("field=assignedNode&match=exact&q=imp-sub2&sort=userId");
    expect(ids(onB)).toEqual(expect.arrayContaining(["list-carol", "list_dave"]));
    expect((onB.body.items as UserView[]).every((u) => u.assignedNode?.hostName === "imp-sub2")).toBe(true);
    const none = await list("field=assignedNode&match=empty&pageSize=250");
    expect(ids(none)).toContain("list-bob");
    expect((none.body.items as UserView[]).every((u) => u.assignedNode === null)).toBe(true);
  });

  it("answers each user with its home cluster, assigned and serving node", async () => {
    const [carol] = (await list("match=exact&q=list-carol")).body.items as UserView[];
    expect(carol).toMatchObject({
      userId: "list-carol",
      firstName: "Carol",
      lastName: "Zeta",
      cluster: { name: DEMO_CLUSTER },
      assignedNode: { id: nodeB, hostName: "imp-sub2" },
      servingNode: { id: nodeA, hostName: "imp-sub1" },
      signedIn: true,
    });
  });

  it("sorts by every column, both ways, and pages", async () => {
    expect(ids(await list("q=list&sort=-userId"))).toEqual(["list_dave", "list-carol", "list-bob", "list-alice"]);
    expect(ids(await list("q=list&sort=name"))).toEqual(["list_dave", "list-bob", "list-alice", "list-carol"]);
    expect(ids(await list("q=list&sort=assignedNode"))).toEqual(["list-alice", "list-carol", "list_dave", "list-bob"]);
    expect(ids(await list("q=list&sort=servingNode"))).toEqual(["list-alice", "list-carol", "list_dave", "list-bob"]);
    expect(ids(await list("q=list&sort=-signedIn")).slice(0, 2)).toEqual(["list-carol", "list_dave"]);
    const all = await list("pageSize=25");
    expect(all.body).toMatchObject({ page: 1, pageSize: 25 });
    expect(all.body.total).toBe(await runtime().db.endUser.count());
    const p2 = await list("q=list&pageSize=25&page=2");
    expect(p2.body).toMatchObject({ items: [], total: 4, page: 2 });
  });

  it("refuses a bad query with 422", async () => {
    for (const qs of ["pageSize=7", "page=0", "sort=hostName", "field=email", "match=like", `q=${"x".repeat(129)}`]) {
      expectError(await list(qs), 422, "validation_failed");
    }
  });
});

describe("Delete", () => {
  it("deletes with 204, then the id is unknown: 404", async () => {
    const created = await add({ userId: "to-delete" });
    expect(created.status).toBe(201);
    const answer = await remove(created.body.id);
    expect(answer.status).toBe(204);
    expect(await runtime().db.endUser.count({ where: { userId: "to-delete" } })).toBe(0);
    expectError(await unchangedBy(() => remove(created.body.id)), 404, "not_found");
    expectError(await unchangedBy(() => remove("abc")), 404, "not_found");
    expectError(await unchangedBy(() => remove(0)), 404, "not_found");
  });
});

describe("Import Users from a CSV file: every rule, and nothing imported on any error", () => {
  it("imports a small file with quotes, a BOM, CRLF, blank lines and the optional signedIn column", async () => {
    const csv = '\ufeffUserID,lastName,firstName,signedIn\r\n"q.one","O\'Neil, Jr.",Quinn,yes\r\n\r\n  q.two , Two,,0\r\nq.three,Three,"Th""ree",TRUE\r\n';
    const answer = await importCsv(csv);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.imported).toBe(3);
    const rows = await runtime().db.endUser.findMany({ where: { userId: { startsWith: "q." } }, orderBy: { userId: "asc" } });
    expect(rows.map((r) => [r.userId, r.firstName, r.lastName, r.signedIn])).toEqual([
      ["q.one", "Quinn", "O'Neil, Jr.", true],
      ["q.three", 'Th"ree', "Three", true],
      ["q.two", "", "Two", false],
    ]);
  });

  it("names the bad row as numbered in the file (header = row 1, blank lines counted) and imports nothing", async () => {
    const { message, fields } = await rejectedImport("userId,firstName,lastName\r\none.ok,A,B\r\n\r\nbad id,C,D\r\ntwo.ok,E,F\r\n");
    expect(fields).toEqual({ "row 4: userId": "User ID may contain only letters, digits, and . _ - @" });
    expect(message).toMatch(/^Nothing was imported: 1 row has errors\. Row 4, userId: /);
    expect(await runtime().db.endUser.count({ where: { userId: { in: ["one.ok", "two.ok"] } } })).toBe(0);
  });

  it("reports every bad value of every row in one answer", async () => {
    const { message, fields } = await rejectedImport(
      csvOf("userId,firstName,lastName,signedIn", [
        "r.ok,A,B,false",
        `,A,B,`,
        `${"u".repeat(129)},A,B,`,
        `r.names,${"f".repeat(65)},"multi\nline",`,
        "r.signed,A,B,maybe",
        "r.columns,A",
        "r.extra,A,B,true,more",
        "R.OK,A,B,",
      ]),
    );
    expect(fields).toEqual({
      "row 3: userId": "User ID is required",
      "row 4: userId": "User ID may be at most 128 characters",
      "row 5: firstName": "First Name may be at most 64 characters",
      "row 5: lastName": "Last Name may not contain control characters (tabs, line breaks)",
      "row 7: signedIn": "Signed In must be true or false (or yes/no, 1/0, or empty for false)",
      "row 8: columns": "The row has 2 values but the header names 4 columns",
      "row 9: columns": "The row has 5 values but the header names 4 columns",
      "row 10: userId": "User ID R.OK is already on row 2 (User IDs are compared without regard to case)",
    });
    expect(message).toMatch(/^Nothing was imported: 7 rows have errors\. Row 3, userId: User ID is required/);
    expect(await runtime().db.endUser.count({ where: { userId: "r.ok" } })).toBe(0);
  });

  it("refuses User IDs that exist already, without regard to case, along with the other errors", async () => {
    const { fields } = await rejectedImport(csvOf("userId,firstName,lastName", ["new.one,A,B", "GRACE.hopper,G,H", "min.user,M,U", "bad!,X,Y"]));
    expect(fields).toEqual({
      "row 3: userId": "An end user with User ID Grace.Hopper already exists (User IDs are compared without regard to case)",
      "row 4: userId": "An end user with User ID min.user already exists",
      "row 5: userId": "User ID may contain only letters, digits, and . _ - @",
    });
  });

  it("refuses a file without a proper header, without rows, or that is not CSV", async () => {
    expect((await rejectedImport("")).fields).toEqual({ "row 1: header": expect.stringMatching(/The file is empty/) });
    expect((await rejectedImport("userId,email,lastName\na,b,c\n")).fields).toEqual({ "row 1: header": expect.stringMatching(/Unknown column "email"/) });
    expect((await rejectedImport("userId,lastName\na,b\n")).fields).toEqual({ "row 1: header": expect.stringMatching(/lacks firstName/) });
    expect((await rejectedImport("userId,firstName,lastName,userid\na,b,c,d\n")).fields).toEqual({ "row 1: header": expect.stringMatching(/appears twice/) });
    expect((await rejectedImport("userId,firstName,lastName\n")).fields).toEqual({ "row 1: file": expect.stringMatching(/holds no users/) });
    expect((await rejectedImport('userId,firstName,lastName\na,b,c\n\n"open,d,e\nx,y,z\n')).fields).toEqual({
      "row 4: csv": "The file is not valid CSV: the quoted value that starts on row 4 is never closed",
    });
    expect((await rejectedImport('userId,firstName,lastName\na,b"c",d\n')).fields).toEqual({ "row 2: csv": expect.stringMatching(/not valid CSV/) });
  });

  it("refuses more than 100,000 rows, naming the first row past the limit", async () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => `big${i},B,I`);
    const { fields, message } = await rejectedImport(csvOf("userId,firstName,lastName", rows));
    expect(fields).toEqual({ "row 100002: file": expect.stringMatching(/at most 100,000 users; this one holds 100,001/) });
    expect(message).toContain("Row 100002");
  });

  it("lists at most 1,000 errors and says how many there are", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `bad ${i},B,I`);
    const { fields, message } = await rejectedImport(csvOf("userId,firstName,lastName", rows));
    expect(Object.keys(fields)).toHaveLength(1000);
    expect(message).toContain("1500 rows have errors");
    expect(message).toContain("The first 1000 of 1500 errors are listed");
  });

  it("refuses a body without the file's text with 422", async () => {
    const answer = await unchangedBy(() => call(importRoute.POST, { method: "POST", path: "/api/users/import", body: { file: "x" }, cookie }));
    expectError(answer, 422, "validation_failed");
    expect(answer.body.error.fields.csv).toMatch(/csv is required/);
  });

  it("imports 5,000 rows in one go, every user assigned and served by its node", async () => {
    const before = await runtime().db.endUser.count();
    const rows = Array.from({ length: 5000 }, (_, i) => `bulk${String(i).padStart(4, "0")},First${i},Last${i},${i % 3 === 0}`);
    // What another request reads while the import is written.
    let writing = true;
    const seen = new Set<number>();
    const watcher = (async () => {
      while (writing) seen.add(await runtime().db.endUser.count({ where: { userId: { startsWith: "bulk" } } }));
    })();
    const started = performance.now();
    const answer = await importCsv(csvOf("userId,firstName,lastName,signedIn", rows)).finally(() => (writing = false));
    const ms = performance.now() - started;
    await watcher;
    const partial = [...seen].some((n) => n > 0 && n < 5000);
    // The embedded database runs one statement at a time, so the import is written in slices and other requests are answered between them
    // (the rows are kept all or nothing by the import's journal); on PostgreSQL it is one transaction no other request sees into.
    expect(partial, [...seen].join(" ")).toBe(runtime().database === "embedded");
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(201);
    expect(answer.body.imported).toBe(5000);
    expect(answer.body.unassigned).toBe(0);
    const perNode = answer.body.assignedPerNode as { nodeId: number; hostName: string; users: number }[];
    expect(perNode.reduce((a, n) => a + n.users, 0)).toBe(5000);
    for (const n of perNode) expect(await assignedTo(n.nodeId, "bulk")).toBe(n.users);
    const db = runtime().db;
    expect(await db.endUser.count()).toBe(before + 5000);
    expect(await db.endUser.count({ where: { userId: { startsWith: "bulk" }, signedIn: true } })).toBe(1667);
    const away = await db.endUser.count({
      where: { userId: { startsWith: "bulk" }, NOT: { servingNodeId: { equals: db.endUser.fields.assignedNodeId } } },
    });
    expect(away).toBe(0);
    // The import is recorded, finished, as bringing each of its users (whether written at once or in slices).
    const imports = await db.userImport.findMany({ where: { users: 5000 } });
    expect(imports.map((i) => i.finishedAt !== null)).toEqual([true]);
    expect(await db.endUser.count({ where: { importId: imports[0]!.id } })).toBe(5000);
    console.log(`[users.test] imported 5,000 rows in ${ms.toFixed(0)} ms on ${runtime().database}`);
  });

  it("is all or nothing even when the database fails part-way through the insert", async () => {
    const db = runtime().db;
    // A database fault on one row of the second chunk of 5,000.
    await db.$executeRawUnsafe(`CREATE FUNCTION users_test_fault() RETURNS trigger AS $$
      BEGIN IF NEW."userId" = 'fault.5500' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER users_test_fault BEFORE INSERT ON "EndUser" FOR EACH ROW EXECUTE FUNCTION users_test_fault()`);
    try {
      const rows = Array.from({ length: 6000 }, (_, i) => `fault.${i},F,L`);
      const answer = await unchangedBy(() => importCsv(csvOf("userId,firstName,lastName", rows)));
      expectError(answer, 500, "internal_error");
      expect(answer.body.error.message).not.toContain("injected");
      expect(await db.endUser.count({ where: { userId: { startsWith: "fault." } } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER users_test_fault ON "EndUser"`);
      await db.$executeRawUnsafe(`DROP FUNCTION users_test_fault()`);
    }
  });

  it("refuses the same file again: every row now exists", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `bulk${String(i).padStart(4, "0")},F,L`);
    const { fields } = await rejectedImport(csvOf("userId,firstName,lastName", rows));
    expect(Object.keys(fields)).toEqual(["row 2: userId", "row 3: userId", "row 4: userId", "row 5: userId", "row 6: userId"]);
  });
});

describe("home cluster", () => {
  it("with one cluster, gives a user without a cluster that cluster", async () => {
    expect(await runtime().db.cluster.count()).toBe(1);
    const answer = await add({ userId: "one.cluster" });
    expect(answer.status).toBe(201);
    expect(answer.body.cluster).toMatchObject({ name: DEMO_CLUSTER });
    expect(answer.body.assignedNode).toMatchObject({ hostName: "imp-pub" });
    const imported = await importCsv(csvOf("userId,firstName,lastName", ["one.cluster.csv,A,B"]));
    expect(imported.status).toBe(201);
    const row = await runtime().db.endUser.findUniqueOrThrow({ where: { userId: "one.cluster.csv" }, include: { cluster: true } });
    expect(row.cluster.name).toBe(DEMO_CLUSTER);
  });

  it("gives a new cluster's publisher a DefaultCUPSubCluster of its own", async () => {
    const pub = await addNode("users-lab-pub");
    const node = await runtime().db.node.findUniqueOrThrow({ where: { id: pub }, include: { group: { include: { cluster: true } } } });
    expect(node.isPublisher).toBe(true);
    expect(node.group).toMatchObject({ name: "DefaultCUPSubCluster", cluster: { name: "users-lab" } });
    expect(node.groupPosition).toBe(1);
    expect(await runtime().db.presenceRedundancyGroup.count({ where: { nameKey: "defaultcupsubcluster" } })).toBe(2);
  });

  it("with two clusters, needs the cluster: 422 on cluster naming them, adding nothing", async () => {
    const missing = await unchangedBy(() => add({ userId: "which.cluster" }));
    expectError(missing, 422, "validation_failed");
    expect(missing.body.error.fields.cluster).toBe(`Cluster is required: there are 2 clusters (${DEMO_CLUSTER}, users-lab)`);
    const unknown = await unchangedBy(() => add({ userId: "which.cluster", cluster: "no-such" }));
    expectError(unknown, 422, "validation_failed");
    expect(unknown.body.error.fields.cluster).toMatch(/^No cluster named no-such/);
    const bad = await unchangedBy(() => add({ userId: "which.cluster", cluster: "no such" }));
    expectError(bad, 422, "validation_failed");
    expect(bad.body.error.fields.cluster).toMatch(/only letters, digits/);
  });

  it("assigns each user only to a group of its own cluster, in Add New and in an import", async () => {
    await setMode("Balanced");
    const labUser = await add({ userId: "lab.home", cluster: "users-lab" });
    expect(labUser.status).toBe(201);
    expect(labUser.body).toMatchObject({ cluster: { name: "users-lab" }, assignedNode: { hostName: "users-lab-pub" } });
    const demoUser = await add({ userId: "demo.home", cluster: DEMO_CLUSTER });
    expect(demoUser.status).toBe(201);
    expect(demoUser.body).toMatchObject({ cluster: { name: DEMO_CLUSTER }, assignedNode: { hostName: "imp-pub" } });

    const rows = Array.from({ length: 20 }, (_, i) => `mixed${i},M,X,,${i % 2 ? "users-lab" : DEMO_CLUSTER}`);
    const imported = await importCsv(csvOf("userId,firstName,lastName,signedIn,cluster", rows));
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.assignedPerNode).toEqual([
      expect.objectContaining({ hostName: "imp-pub", users: 10 }),
      expect.objectContaining({ hostName: "users-lab-pub", users: 10 }),
    ]);
    const placed = await runtime().db.endUser.findMany({
      where: { userId: { startsWith: "mixed" } },
      select: { cluster: { select: { name: true } }, assignedNode: { select: { cluster: { select: { name: true } } } } },
    });
    expect(placed.every((u) => u.assignedNode?.cluster.name === u.cluster.name)).toBe(true);
  });

  it("refuses import rows without a cluster, or of an unknown one, when there are two clusters", async () => {
    const { fields } = await rejectedImport(csvOf("userId,firstName,lastName,cluster", ["nc.one,A,B,", "nc.two,A,B,nowhere", "nc.three,A,B,users-lab"]));
    expect(fields).toEqual({
      "row 2: cluster": `Cluster is required: there are 2 clusters (${DEMO_CLUSTER}, users-lab)`,
      "row 3: cluster": expect.stringMatching(/^No cluster named nowhere/),
    });
  });
});

describe("assignment under each User Assignment Mode", () => {
  let g1: { groupId: number; n1: number; n2: number };
  let g2: { groupId: number; n1: number; n2: number };
  beforeAll(async () => {
    g1 = await addGroup("Users-Mode-1", ["um-1a", "um-1b"]);
    g2 = await addGroup("Users-Mode-2", ["um-2a", "um-2b"]);
  });

  it("Balanced spreads each group's users evenly over its nodes, and fills the emptiest groups first", async () => {
    await setMode("Balanced");
    const answer = await importCsv(csvOf("userId,firstName,lastName,cluster", Array.from({ length: 301 }, (_, i) => `bal${i},B,L,users-lab`)));
    expect(answer.status).toBe(201);
    for (const g of [g1, g2]) {
      const [a, b] = [await assignedTo(g.n1), await assignedTo(g.n2)];
      expect(a + b).toBeGreaterThan(0);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    }
    // Fresh groups start empty, so they take more new users than the loaded ones.
    const fresh = (await assignedTo(g1.n1, "bal")) + (await assignedTo(g1.n2, "bal"));
    expect(fresh).toBeGreaterThan(301 / 5);

    const single = await add({ userId: "bal.single", cluster: "users-lab" });
    expect(single.body.assignedNode).not.toBeNull();
  });

  it("Active-Standby puts every user on Presence Server 1 of its group", async () => {
    await setMode("Active-Standby");
    expect(await assignedTo(g1.n2)).toBe(0);
    expect(await assignedTo(g2.n2)).toBe(0);
    const answer = await importCsv(csvOf("userId,firstName,lastName,cluster", Array.from({ length: 120 }, (_, i) => `as${i},A,S,users-lab`)));
    expect(answer.status).toBe(201);
    const single = await add({ userId: "as.single", cluster: "users-lab" });
    expect(single.status).toBe(201);
    const placed = await runtime().db.endUser.findMany({
      where: { userId: { startsWith: "as" } },
      select: { assignedNode: { select: { groupPosition: true, hostName: true } } },
    });
    expect(placed).toHaveLength(121);
    expect(placed.every((u) => u.assignedNode?.groupPosition === 1)).toBe(true);
    expect(await assignedTo(g1.n2)).toBe(0);
    expect(await assignedTo(g2.n2)).toBe(0);
    expect(await assignedTo(g1.n1, "as")).toBeGreaterThan(0);
  });

  it("None leaves new users unassigned", async () => {
    await setMode("None");
    const answer = await importCsv(csvOf("userId,firstName,lastName,cluster", Array.from({ length: 40 }, (_, i) => `none${i},N,O,users-lab`)));
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ imported: 40, assignedPerNode: [], unassigned: 40 });
    const single = await add({ userId: "none.single", cluster: "users-lab" });
    expect(single.status).toBe(201);
    expect(single.body.assignedNode).toBeNull();
    expect(single.body.servingNode).toBeNull();
    expect(await runtime().db.endUser.count({ where: { userId: { startsWith: "none" }, assignedNodeId: null, servingNodeId: null } })).toBe(41);
    expect((await topology()).unassignedUsers).toBeGreaterThanOrEqual(41);
    await setMode("Balanced");
  });
});

describe("refused while a node is in a failover state", () => {
  let ha: { groupId: number; n1: number; n2: number };
  const act = (action: "failover" | "fallback", node: number) =>
    call(actionsRoute.POST, { method: "POST", path: `/api/groups/${ha.groupId}/actions`, params: { id: String(ha.groupId) }, cookie, body: { action, node } });

  beforeAll(async () => {
    // Zero-length steps make every transition complete within the request.
    const lab = await call(labRoute.PUT, { method: "PUT", path: "/api/lab", cookie, body: { speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 } });
    expect(lab.status).toBe(200);
    ha = await addGroup("Users-HA", ["uf-a", "uf-b"], true);
    await setMode("Balanced");
    expect((await importCsv(csvOf("userId,firstName,lastName,signedIn,cluster", Array.from({ length: 200 }, (_, i) => `ha${i},H,A,${i % 2 === 0},users-lab`)))).status).toBe(201);
    expect((await assignedTo(ha.n1)) + (await assignedTo(ha.n2))).toBeGreaterThan(0);
  });

  it("refuses Add New and Import of the cluster's users with 409 naming the node and its state, and adds nothing; allowed again after Fallback", async () => {
    const failover = await act("failover", ha.n1);
    expect(failover.status).toBe(202);
    expect(failover.body.nodes.map((n: { state: string }) => n.state)).toEqual(["Idle", "Running in Backup Mode"]);

    const refused = await unchangedBy(() => add({ userId: "during.failover", cluster: "users-lab" }));
    expectError(refused, 409, "conflict");
    expect(refused.body.error.message).toBe(
      "End users of users-lab cannot be added while a node of that cluster is in a failover state: uf-a is Idle (On Admin Request)",
    );

    const refusedImport = await unchangedBy(() => importCsv(csvOf("userId,firstName,lastName,cluster", ["during.import,A,B,users-lab", "also.during,C,D,users-lab"])));
    expectError(refusedImport, 409, "conflict");
    expect(refusedImport.body.error.message).toBe(refused.body.error.message);
    // Even a file with errors is refused for the failover first: it could not be imported anyway.
    expectError(await unchangedBy(() => importCsv(csvOf("userId,firstName,lastName,cluster", ["ok.row,A,B,users-lab", "bad row,C,D,users-lab"]))), 409, "conflict");
    // A file adding users to both clusters is refused as a whole.
    expectError(
      await unchangedBy(() => importCsv(csvOf("userId,firstName,lastName,cluster", [`both.demo,A,B,${DEMO_CLUSTER}`, "both.lab,C,D,users-lab"]))),
      409,
      "conflict",
    );

    // The failover is in users-lab: the other cluster's users are added as usual.
    const other = await add({ userId: "other.cluster", cluster: DEMO_CLUSTER });
    expect(other.status).toBe(201);
    expect(other.body.cluster).toMatchObject({ name: DEMO_CLUSTER });
    expect((await importCsv(csvOf("userId,firstName,lastName,cluster", [`other.import,A,B,${DEMO_CLUSTER}`]))).status).toBe(201);

    // Deleting and listing stay possible.
    expect((await list("q=ha")).status).toBe(200);

    const topo = await topology();
    const group = topo.groups.find((g) => g.id === ha.groupId)!;
    const [a, b] = group.nodes;
    expect([a!.state, b!.state]).toEqual(["Idle", "Running in Backup Mode"]);
    expect(a!.users.serving).toBe(0);
    expect(b!.users.serving).toBe(a!.users.assigned + b!.users.assigned);
    expect(a!.users.active).toBe(0);

    const fallback = await act("fallback", ha.n1);
    expect(fallback.status).toBe(202);
    expect(fallback.body.nodes.map((n: { state: string }) => n.state)).toEqual(["Normal", "Normal"]);
    expect((await add({ userId: "after.fallback", cluster: "users-lab" })).status).toBe(201);
    const imported = await importCsv(csvOf("userId,firstName,lastName,cluster", ["after.import,A,B,users-lab"]));
    expect(imported.status).toBe(201);
  });

  it("does not refuse while a node of the cluster is only Initializing (its SRM starting)", async () => {
    const slow = await call(labRoute.PUT, { method: "PUT", path: "/api/lab", cookie, body: { speed: 1, stepSeconds: 0, srmStartSeconds: 600, bootSeconds: 0 } });
    expect(slow.status).toBe(200);
    try {
      const starting = await addGroup("Users-Init", ["ui-a", "ui-b"], true);
      const fault = (fault: string) =>
        call(faultsRoute.POST, { method: "POST", path: `/api/nodes/${starting.n1}/faults`, params: { id: String(starting.n1) }, cookie, body: { fault } });
      expect((await fault("stop-srm")).status).toBe(202);
      const restarted = await fault("start-srm");
      expect(restarted.status).toBe(202);
      expect(restarted.body.nodes.map((n: { state: string }) => n.state)).toEqual(["Initializing", "Normal"]);
      expect((await add({ userId: "during.init", cluster: "users-lab" })).status).toBe(201);
      expect((await importCsv(csvOf("userId,firstName,lastName,cluster", ["during.init.csv,A,B,users-lab"]))).status).toBe(201);
    } finally {
      expect((await call(labRoute.PUT, { method: "PUT", path: "/api/lab", cookie, body: { speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 } })).status).toBe(200);
    }
  });
});

describe("Presence Topology", () => {
  it("shows per group and node the assigned, serving and signed-in users, as the database holds them", async () => {
    const topo = await topology();
    expect(topo.mode).toBe("Balanced");
    const db = runtime().db;
    const names = topo.groups.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(["DefaultCUPSubCluster", "Users-Mode-1", "Users-Mode-2", "Users-HA"]));
    for (const g of topo.groups) {
      for (const n of g.nodes) {
        expect(n.users).toEqual({
          assigned: await db.endUser.count({ where: { assignedNodeId: n.id } }),
          serving: await db.endUser.count({ where: { servingNodeId: n.id } }),
          active: await db.endUser.count({ where: { servingNodeId: n.id, signedIn: true } }),
        });
      }
      expect(g.users.assigned).toBe(g.nodes.reduce((a, n) => a + n.users.assigned, 0));
    }
    const haGroup = topo.groups.find((g) => g.name === "Users-HA")!;
    expect(haGroup.haEnabled).toBe(true);
    expect(haGroup.nodes.map((n) => [n.hostName, n.state])).toEqual([
      ["uf-a", "Normal"],
      ["uf-b", "Normal"],
    ]);
    // Every node in no group is listed and flagged; imp-sub1 and imp-sub2 hold the hand-placed users.
    const ungrouped = await db.node.findMany({ where: { groupId: null }, orderBy: { hostName: "asc" }, select: { hostName: true } });
    expect(topo.ungroupedNodes.map((n) => n.hostName)).toEqual(ungrouped.map((n) => n.hostName));
    expect(topo.ungroupedNodes.every((n) => !n.inGroup)).toBe(true);
    expect(topo.ungroupedNodes.filter((n) => n.users.assigned > 0).map((n) => n.hostName)).toEqual(["imp-sub1", "imp-sub2"]);
    expect(topo.unassignedUsers).toBe(await db.endUser.count({ where: { assignedNodeId: null } }));
  });
});
