import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/metrics/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});
afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

const scrape = (authorization?: string) =>
  metricsRoute.GET(new Request("http://127.0.0.1/metrics", { headers: authorization ? { authorization } : {} }));

describe("GET /metrics", () => {
  it("is off (404) unless METRICS_TOKEN is set", async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape("Bearer anything")).status).toBe(404);
  });

  it("needs the METRICS_TOKEN as a bearer token", async () => {
    process.env.METRICS_TOKEN = "scrape-secret";
    for (const header of [undefined, "Bearer wrong", "Bearer scrape-secre", "Basic scrape-secret"]) {
      const answer = await scrape(header);
      expect(answer.status, String(header)).toBe(401);
      expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("serves Prometheus text with HTTP request durations by catalogue route", async () => {
    process.env.METRICS_TOKEN = "scrape-secret";
    // The demo inventory was written behind the controller's back (on PostgreSQL, after it started): let it pick the nodes up.
    await runtime().controller.changeGroups("admin", async () => {});
    expect((await call(nodes.GET, { path: "/api/nodes", cookie })).status).toBe(200);
    const answer = await scrape("Bearer scrape-secret");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/plain");
    const families = parsePrometheusTextFormat(await answer.text());
    expect(families.find((f) => f.name === "prg_http_request_duration_seconds")!.type).toBe("HISTOGRAM");
    // The text parser folds a histogram's label sets into one; prom-client's own reading keeps them apart.
    const http = await runtime().metrics.httpDuration.get();
    const count = http.values.find(
      (v) => v.metricName === "prg_http_request_duration_seconds_count" && v.labels.route === "/api/nodes" && v.labels.method === "GET" && v.labels.status === "200",
    );
    expect(count?.value).toBeGreaterThanOrEqual(1);
    expect(families.find((f) => f.name === "prg_node_state")!.metrics.length).toBeGreaterThan(0);
  });
});
