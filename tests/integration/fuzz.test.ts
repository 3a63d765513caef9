import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT, type Endpoint } from "@/lib/api/endpoint.ts";
import { ALL_ENDPOINTS } from "@/lib/api/endpoints/index.ts";
import { buildOpenApiDocument } from "@/lib/api/openapi.ts";
import { signIn } from "@/lib/auth/sessions.ts";
import { SERVICE_NAMES } from "@/lib/domain/services.ts";
import { ERROR_STATUS, errorBodySchema } from "@/lib/http/errors.ts";
import { serve, type RawRequest } from "./support/api-router.ts";
import { invalid, valid, type JsonSchema } from "./support/schema-arbitrary.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

/**
 * A seeded, bounded fuzz run over every operation of the catalogue: requests
 * generated from the operation's own schemas (as the OpenAPI document states
 * them), valid and broken, with odd ids, encodings, methods, bodies and
 * origins. Every answer must be documented for its operation, none a 5xx,
 * every refusal in the one error shape, and a refused write must change
 * nothing.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 9021);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

const runtime = useTestRuntime();
const doc = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
};
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

const operation = (ep: Endpoint) => doc.paths[ep.path]![ep.method.toLowerCase()]!;
const documented = (ep: Endpoint) => Object.keys(operation(ep).responses).map(Number);

/** What the path answers to in `Allow`. */
function allowOf(path: string): string {
  const methods = Object.keys(doc.paths[path]!).map((m) => m.toUpperCase());
  if (methods.includes("GET")) methods.push("HEAD");
  return [...methods, "OPTIONS"].sort().join(", ");
}

const ODD_IDS = ["0x1", "+1", "1e0", "01", "%201", "1%20", "1.0", "-1", "0", "99999999999", "2147483648", "abc", "1_0", "%FF", "%zz", "%C0%80", "%E2%82", "%"];
const MALFORMED = /%(?![0-9A-Fa-f]{2})|%FF|%C0%80|%E2%82$/;

function paramArb(name: string): fc.Arbitrary<string> {
  if (name === "service") {
    return fc.oneof(
      fc.constantFrom(...SERVICE_NAMES).map(encodeURIComponent),
      fc.constantFrom("No%20Such%20Service", "%FF", "%zz", "x".repeat(300)),
    );
  }
  return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }).map(String) }, { weight: 2, arbitrary: fc.constantFrom(...ODD_IDS) });
}

function queryArb(ep: Endpoint): fc.Arbitrary<string> {
  const params = (operation(ep).parameters ?? []).filter((p) => p.in === "query");
  if (params.length === 0) return fc.constant("");
  const value = (schema: JsonSchema) =>
    fc.oneof(
      { weight: 12, arbitrary: valid(schema).map(String) },
      { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("0x10", "1e1", "-1", "", "%00", "9".repeat(30), "\u0000", "25.0")) },
    );
  const record = fc.record(Object.fromEntries(params.map((p) => [p.name, value(p.schema)])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 4, arbitrary: record.map((r) => new URLSearchParams(r as Record<string, string>).toString()) },
    { weight: 1, arbitrary: fc.constantFrom("page=%FF", "pageSize=%zz", "q=%", "q=%00") },
  );
}

interface BodyCase {
  body: string | Uint8Array<ArrayBuffer> | null;
  contentType?: string;
  contentLength?: string;
}

function bodyArb(ep: Endpoint): fc.Arbitrary<BodyCase> {
  if (!ep.body) return fc.constant({ body: null });
  const schema = operation(ep).requestBody!.content["application/json"]!.schema;
  const json = (value: unknown): BodyCase => ({ body: JSON.stringify(value) ?? "null", contentType: "application/json" });
  const limit = ep.bodyLimit ?? DEFAULT_BODY_LIMIT;
  return fc.oneof(
    { weight: 4, arbitrary: valid(schema).map(json) },
    { weight: 3, arbitrary: invalid(schema).map(json) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom("", "{", "nul", "[1,", '{"a":1}}', "\u0000", "{}garbage").map((body) => ({ body, contentType: "application/json" })),
        fc.string({ maxLength: 50 }).map((body) => ({ body, contentType: "application/json; charset=utf-8" })),
        valid(schema).map((v) => ({ body: JSON.stringify(v), contentType: "text/plain" })),
        valid(schema).map((v) => ({ body: JSON.stringify(v) })),
        fc.constant({ body: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), contentType: "application/json" }),
        // Larger than the operation takes, declared or not.
        fc.constant({ body: "{}", contentType: "application/json", contentLength: String(limit + 1) }),
        fc.constant({ body: "{}", contentType: "application/json", contentLength: String(100 * 1024 * 1024) }),
        fc.constant({ body: `{"x":"${" ".repeat(Math.min(limit, DEFAULT_BODY_LIMIT))}"}`, contentType: "application/json" }),
      ),
    },
  );
}

const ORIGINS: Record<string, string>[] = [
  {},
  { origin: "http://127.0.0.1" },
  { origin: "null" },
  { origin: "http://evil.example" },
  { origin: "not an origin" },
  { referer: "http://evil.example/page" },
  { referer: "http://127.0.0.1/system/server" },
];

interface Case extends RawRequest {
  signedIn: boolean;
  otherMethod: boolean;
}

function caseArb(ep: Endpoint): fc.Arbitrary<Case> {
  const names = [...ep.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pathArb = fc.tuple(...names.map(paramArb)).map((values) => names.reduce((p, name, i) => p.replace(`{${name}}`, values[i]!), ep.path));
  const others = ["TRACE", "PROPFIND", "OPTIONS", "PUT", "PATCH", "DELETE", "POST", "GET"].filter((m) => !Object.keys(doc.paths[ep.path]!).includes(m.toLowerCase()));
  const methodArb = fc.oneof({ weight: 6, arbitrary: fc.constant(ep.method as string) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
  return fc
    .record({
      path: pathArb,
      query: queryArb(ep),
      body: bodyArb(ep),
      method: methodArb,
      origin: fc.oneof({ weight: 4, arbitrary: fc.constant(ORIGINS[0]!) }, { weight: 3, arbitrary: fc.constantFrom(...ORIGINS) }),
      signedIn: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    })
    .map(({ path, query, body, method, origin, signedIn }) => {
      const headers: Record<string, string> = { ...origin };
      if (body.contentType) headers["content-type"] = body.contentType;
      if (body.contentLength) headers["content-length"] = body.contentLength;
      return {
        method,
        target: query ? `${path}?${query}` : path,
        headers,
        body: body.body,
        signedIn,
        otherMethod: method !== ep.method,
      };
    });
}

/** What a refused write must leave as it was (not what the HA controller or the Sync Agent change on their own). */
async function snapshot() {
  const db = runtime().db;
  return Promise.all([
    db.cluster.findMany({ orderBy: { id: "asc" } }),
    db.node.findMany({
      orderBy: { id: "asc" },
      select: { id: true, hostName: true, softwareVersion: true, clusterId: true, groupId: true, groupPosition: true, replicationState: true, power: true, isolated: true },
    }),
    db.presenceRedundancyGroup.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, description: true, haEnabled: true, version: true } }),
    db.endUser.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, firstName: true, lastName: true, signedIn: true } }),
    db.setting.findMany({ where: { NOT: { key: "assignmentPendingGroups" } }, orderBy: [{ scope: "asc" }, { key: "asc" }], select: { scope: true, key: true, value: true } }),
    db.adminUser.findMany({ orderBy: { id: "asc" }, select: { id: true, username: true, passwordHash: true } }),
    db.haEvent.count({ where: { kind: { in: ["action", "parameter"] } } }),
  ]);
}

async function read(response: Response): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  if (response.headers.get("content-type") === "text/event-stream") {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, body: null, text: "" };
  }
  const text = await response.text();
  let body: unknown = null;
  if (text && response.headers.get("content-type")?.startsWith("application/json")) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body, text };
}

async function sessionCookie(ep: Endpoint): Promise<string> {
  if (ep.operationId !== "signOut") return cookie;
  // Signing out must not end the session the rest of the run uses.
  const session = await signIn(runtime().db, "admin", TEST_ADMIN_PASSWORD);
  return `prg_session=${session!.token}`;
}

async function check(ep: Endpoint, c: Case) {
  const isWrite = c.method !== "GET" && c.method !== "HEAD" && c.method !== "OPTIONS";
  const before = isWrite ? await snapshot() : undefined;
  const headers = { ...c.headers, ...(c.signedIn ? { cookie: await sessionCookie(ep) } : {}) };
  const answer = await read(await serve({ ...c, headers }));
  const what = `${c.method} ${c.target} ${JSON.stringify(headers)} ${typeof c.body === "string" ? c.body.slice(0, 200) : String(c.body)} -> ${answer.status} ${answer.text.slice(0, 300)}`;

  expect(answer.status, what).toBeLessThan(500);
  const malformedPath = MALFORMED.test(c.target.split("?")[0]!);
  if (c.otherMethod) {
    if (malformedPath) expect(answer.status, what).toBe(400);
    else if (c.method === "OPTIONS") expect(answer.status, what).toBe(204);
    else expect(answer.status, what).toBe(405);
    if (!malformedPath) expect(answer.headers.get("allow"), what).toBe(allowOf(ep.path));
  } else {
    expect(documented(ep), what).toContain(answer.status);
  }
  if (answer.status >= 400) {
    const parsed = errorBodySchema.safeParse(answer.body);
    expect(parsed.success, what).toBe(true);
    expect(ERROR_STATUS[parsed.data!.error.code], what).toBe(answer.status);
    if (isWrite) expect(await snapshot(), what).toEqual(before);
  }
}

describe("fuzzing every operation of the catalogue", () => {
  it("covers every route file's operations", () => {
    expect(ALL_ENDPOINTS.length).toBeGreaterThanOrEqual(35);
    for (const ep of ALL_ENDPOINTS) expect(documented(ep).length).toBeGreaterThan(1);
  });

  for (const ep of ALL_ENDPOINTS) {
    it(`${ep.method} ${ep.path}: documented answers only, no 5xx, refusals in the error shape and changing nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(caseArb(ep), (c) => check(ep, c)),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
