import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Endpoint } from "@/lib/api/endpoint.ts";
import { ALL_ENDPOINTS } from "@/lib/api/endpoints/index.ts";
import { buildOpenApiDocument } from "@/lib/api/openapi.ts";
import { can, ROLES, type Role } from "@/lib/auth/roles.ts";
import { SERVICE_NAMES } from "@/lib/domain/services.ts";
import { errorBodySchema } from "@/lib/http/errors.ts";
import { createToken } from "@/lib/tokens/api-tokens.ts";
import { accountWithRole, ROLE_PASSWORD } from "./support/accounts.ts";
import { axl } from "./support/axl.ts";
import { ROUTE_MODULES, serve } from "./support/api-router.ts";
import { valid, type JsonSchema } from "./support/schema-arbitrary.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

/**
 * Table-driven over the OpenAPI catalogue, so a new operation is covered the
 * day it is added: every write answers 401 without a session and 403 to each
 * role its permission leaves out (with its session and with its API token),
 * in the error shape, changing nothing, and leaving a refused audit row.
 */
const runtime = useTestRuntime();
const doc = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
};

const WRITES = ALL_ENDPOINTS.filter((ep) => ep.method !== "GET");
const LIMITED: Role[] = ROLES.filter((r) => r !== "super_user");
const who: Record<Role, { cookie: string; token: string; username: string }> = {} as never;

beforeAll(async () => {
  for (const role of ROLES) {
    const username = `role-${role.replace("_", "-")}`;
    const { id, cookie } = await accountWithRole(runtime().db, username, role);
    const { secret } = await createToken(runtime().db, id, { name: "script" });
    who[role] = { cookie, token: secret, username };
  }
});

function target(ep: Endpoint): string {
  return ep.path.replace("{id}", "1").replace("{service}", encodeURIComponent(SERVICE_NAMES[0]!));
}

function validBody(ep: Endpoint): string | null {
  if (!ep.body) return null;
  const schema = doc.paths[ep.path]![ep.method.toLowerCase()]!.requestBody!.content["application/json"]!.schema;
  return JSON.stringify(fc.sample(valid(schema), { seed: 7, numRuns: 1 })[0]);
}

async function snapshot() {
  const db = runtime().db;
  return Promise.all([
    db.cluster.findMany({ orderBy: { id: "asc" } }),
    db.node.findMany({ orderBy: { id: "asc" }, select: { id: true, hostName: true, groupId: true, power: true, isolated: true, replicationState: true } }),
    db.presenceRedundancyGroup.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, description: true, haEnabled: true, version: true } }),
    db.endUser.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true } }),
    db.setting.findMany({ where: { NOT: { key: "assignmentPendingGroups" } }, orderBy: [{ scope: "asc" }, { key: "asc" }], select: { scope: true, key: true, value: true } }),
    db.adminUser.findMany({ orderBy: { id: "asc" }, select: { id: true, username: true, passwordHash: true, role: true, disabled: true, mustChangePassword: true } }),
    db.apiToken.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true } }),
    db.alert.findMany({ orderBy: { id: "asc" } }),
    db.haEvent.count({ where: { kind: { in: ["action", "parameter"] } } }),
  ]);
}

async function send(ep: Endpoint, auth: Record<string, string>) {
  const body = validBody(ep);
  const response = await serve({
    method: ep.method,
    target: target(ep),
    headers: { host: "127.0.0.1", origin: "http://127.0.0.1", ...(body ? { "content-type": "application/json" } : {}), ...auth },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function lastAudit() {
  return runtime().db.auditLog.findFirst({ orderBy: { id: "desc" } });
}

describe("the catalogue declares a permission for every operation", () => {
  it("no write is open to every signed-in role unless it acts on the account itself", () => {
    for (const ep of WRITES) {
      expect(ep.permission, `${ep.method} ${ep.path}`).not.toBe("view");
      if (ep.auth) expect(ep.permission, `${ep.method} ${ep.path}`).not.toBe("public");
      expect(ROUTE_MODULES[ep.path]?.[ep.method], `${ep.method} ${ep.path} has a route`).toBeDefined();
    }
    expect(WRITES.filter((ep) => ep.auth).length).toBeGreaterThanOrEqual(20);
  });

  it("the rule: Operator has HA actions, faults, services and end users but not accounts, parameters or inventory", () => {
    for (const p of ["ha_actions", "faults", "services", "end_users", "alerts"] as const) expect(can("operator", p)).toBe(true);
    for (const p of ["accounts", "parameters", "inventory"] as const) expect(can("operator", p)).toBe(false);
    for (const p of ["ha_actions", "faults", "services", "end_users", "alerts", "accounts", "parameters", "inventory"] as const) {
      expect(can("read_only", p)).toBe(false);
      expect(can("super_user", p)).toBe(true);
    }
  });
});

describe.each(WRITES.filter((ep) => ep.auth))("$method $path", (ep) => {
  it("answers 401 without a session, changing nothing, and audits the refusal", async () => {
    const before = await snapshot();
    const answer = await send(ep, {});
    expect(answer.status).toBe(401);
    expect(errorBodySchema.parse(answer.body).error.code).toBe("unauthorized");
    expect(await snapshot()).toEqual(before);
    expect(await lastAudit()).toMatchObject({ action: ep.operationId, outcome: "refused", status: 401, username: null });
  });

  for (const role of LIMITED) {
    if (can(role, ep.permission)) continue;
    it(`answers 403 to ${role} (session and API token), changing nothing, and audits the refusal`, async () => {
      const before = await snapshot();
      const ways: Record<string, string>[] = [{ cookie: who[role].cookie }, { authorization: `Bearer ${who[role].token}` }];
      for (const auth of ways) {
        const answer = await send(ep, auth);
        expect(answer.status, JSON.stringify(answer.body)).toBe(403);
        const error = errorBodySchema.parse(answer.body).error;
        expect(error.code).toBe("forbidden");
        expect(error.message).toMatch(/role may not/);
        expect(await snapshot()).toEqual(before);
        expect(await lastAudit()).toMatchObject({ action: ep.operationId, outcome: "refused", status: 403, username: who[role].username });
      }
    });
  }
});

describe("reads", () => {
  it("every role reads the inventory; only a Super User reads accounts and the audit log", async () => {
    for (const role of ROLES) {
      const nodes = await serve({ method: "GET", target: "/api/nodes", headers: { cookie: who[role].cookie } });
      expect(nodes.status).toBe(200);
      for (const path of ["/api/accounts", "/api/audit", "/api/audit/export"]) {
        const answer = await serve({ method: "GET", target: path, headers: { cookie: who[role].cookie } });
        expect(answer.status, `${role} ${path}`).toBe(role === "super_user" ? 200 : 403);
        await answer.body?.cancel();
      }
    }
  });
});

describe("AXL follows the same rule", () => {
  it("a Read-only account reads over AXL but its writes are refused with 403, change nothing and are audited", async () => {
    const basic = `Basic ${Buffer.from(`${who.read_only.username}:${ROLE_PASSWORD}`).toString("base64")}`;
    const list = await axl("listProcessNode", "<searchCriteria><name>%</name></searchCriteria><returnedTags><name/></returnedTags>", { authorization: basic });
    expect(list.status).toBe(200);
    const before = await snapshot();
    const removed = await axl("removePresenceRedundancyGroup", "<name>DefaultCUPSubCluster</name>", { authorization: basic });
    expect(removed.status).toBe(403);
    expect(removed.text).toMatch(/Read-only role may not/);
    expect(await snapshot()).toEqual(before);
    expect(await lastAudit()).toMatchObject({ action: "axl:removePresenceRedundancyGroup", status: 403, outcome: "refused", username: who.read_only.username });
  });
});
