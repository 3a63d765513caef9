import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "../playwright.config.ts";

test("GET /metrics passes the front door and is served only with the METRICS_TOKEN", async ({ request }) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  const answer = await request.get("/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toContain("text/plain");
  expect(await answer.text()).toContain("# TYPE prg_node_state gauge");
});
