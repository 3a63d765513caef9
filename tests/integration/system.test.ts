import { describe, expect, it } from "vitest";
import * as health from "@/app/api/health/route.ts";
import * as openapi from "@/app/api/openapi.json/route.ts";
import * as unknown from "@/app/api/[...path]/route.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

useTestRuntime();

describe("system endpoints", () => {
  it("reports health and which database is in use, without a session", async () => {
    const answer = await call(health.GET, { path: "/api/health" });
    expect(answer.status).toBe(200);
    const postgres = process.env.TEST_DB_KIND === "postgres";
    expect(answer.body).toMatchObject({
      status: "ok",
      database: postgres ? "postgres" : "embedded",
      // Alone on its database, this instance leads; on PostgreSQL it holds the lease with a fencing token.
      leading: true,
      fencingToken: postgres ? expect.stringMatching(/^\d+$/) : null,
      errors: 0,
    });
  });

  it("serves an OpenAPI document generated from the request schemas, to signed-in users", async () => {
    expect((await call(openapi.GET, { path: "/api/openapi.json" })).status).toBe(401);
    const cookie = await signInAsAdmin();
    const answer = await call(openapi.GET, { path: "/api/openapi.json", cookie });
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe("3.1.0");
    const listNodes = answer.body.paths["/api/nodes"].get;
    const pageSize = listNodes.parameters.find((p: { name: string }) => p.name === "pageSize");
    expect(pageSize).toMatchObject({ in: "query" });
    expect(answer.body.paths["/api/session"].post.requestBody.content["application/json"].schema.required).toEqual([
      "username",
      "password",
    ]);
  });

  it("states what each operation answers and every bound the server enforces", async () => {
    const cookie = await signInAsAdmin();
    const doc = (await call(openapi.GET, { path: "/api/openapi.json", cookie })).body;
    const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      const statuses = Object.keys(op.responses).map(Number);
      const where = `${method} ${path}`;
      if (op.security.length > 0) expect(statuses, where).toContain(401);
      if (method !== "get") expect(statuses, where).toContain(403);
      if (op.requestBody) {
        expect(op.requestBody.required, where).toBe(true);
        expect(statuses, where).toEqual(expect.arrayContaining([400, 413, 422]));
      }
      if (path.includes("{id}")) expect(statuses, where).toEqual(expect.arrayContaining([400, 404]));
    }
    expect(Object.keys(doc.paths["/api/session"].post.responses)).toEqual(expect.arrayContaining(["200", "401", "429"]));
    expect(doc.paths["/api/users/import"].post.requestBody.description).toContain("40 MiB");
    expect(doc.paths["/api/session"].post.requestBody.description).toContain("64 KiB");
    expect(Object.keys(doc.paths["/api/events/stream"].get.responses["200"].content)).toEqual(["text/event-stream"]);
    expect(Object.keys(doc.paths["/api/events/stream"].get.responses)).toContain("429");

    const param = (path: string, name: string) => doc.paths[path].get.parameters.find((p: { name: string }) => p.name === name).schema;
    expect(param("/api/nodes", "pageSize")).toMatchObject({ type: "integer", enum: [25, 50, 100, 150, 200, 250] });
    expect(param("/api/events", "pageSize")).toMatchObject({ type: "integer", enum: [25, 50, 100, 150, 200, 250] });
    expect(param("/api/events", "group")).toMatchObject({ type: "string", pattern: "^[1-9][0-9]{0,9}$" });
    expect(param("/api/events", "q")).toMatchObject({ maxLength: 128, pattern: expect.any(String) });
    expect(param("/api/groups/{id}", "id")).toMatchObject({ type: "string", pattern: "^[1-9][0-9]{0,9}$" });
    const hostName = doc.paths["/api/nodes"].post.requestBody.content["application/json"].schema.properties.hostName;
    expect(hostName).toMatchObject({ maxLength: 253, pattern: expect.any(String) });
    expect(new RegExp(hostName.pattern).test("imp-sub1.example.com")).toBe(true);
    expect(new RegExp(hostName.pattern).test("999.1.1.1")).toBe(false);
    const description = doc.paths["/api/groups"].post.requestBody.content["application/json"].schema.properties.description;
    expect(new RegExp(description.pattern).test("line\nbreak")).toBe(false);
  });

  it("answers unknown API paths with 404 in the error shape", async () => {
    const answer = await call(unknown.GET, { path: "/api/nope" });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: "not_found", message: "No such API resource" } });
  });
});
