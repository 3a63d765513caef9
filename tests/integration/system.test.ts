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
    expect(answer.body).toEqual({
      status: "ok",
      database: process.env.TEST_DB_KIND === "postgres" ? "postgres" : "embedded",
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

  it("answers unknown API paths with 404 in the error shape", async () => {
    const answer = await call(unknown.GET, { path: "/api/nope" });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: "not_found", message: "No such API resource" } });
  });
});
