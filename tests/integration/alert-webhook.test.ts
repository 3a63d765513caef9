import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDeliveries, writeWebhookUrl } from "@/lib/alerts/webhook.ts";
import { LAB, useHaLab } from "./support/ha-lab.ts";

const lab = useHaLab();
const OP = 2 * LAB.stepSeconds + 1;

/** A receiver whose answer to each request the test decides. */
let respond: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_q, res) => res.end();
const received: { event: string; alert: { name: string; nodeId: number } }[] = [];
let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => respond(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function deliveriesOf(alertIds: number[]) {
  return (await listDeliveries(lab.runtime().db)).filter((d) => alertIds.includes(d.alertId)).reverse();
}

describe("alert webhook delivery", () => {
  it("retries a failing receiver with backoff until it answers 2xx, logging every attempt", async () => {
    const { db } = lab.runtime();
    await writeWebhookUrl(db, url, "admin");
    let calls = 0;
    respond = (_req, res, body) => {
      calls += 1;
      if (calls <= 2) {
        res.statusCode = 503;
        return res.end("busy");
      }
      received.push(JSON.parse(body));
      res.end("ok");
    };
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.runtime().alerts.settled();
    await lab.runtime().webhooks.settled();

    const raised = await db.alert.findFirstOrThrow({ where: { name: "SRMFailover", nodeId: p.n1 } });
    expect(received).toEqual([{ event: "raised", alert: expect.objectContaining({ id: raised.id, name: "SRMFailover", nodeId: p.n1, clearedAt: null }) }]);
    const log = await deliveriesOf([raised.id]);
    expect(log.map((d) => [d.attempt, d.outcome, d.httpStatus, d.error])).toEqual([
      [1, "retrying", 503, "HTTP 503"],
      [2, "retrying", 503, "HTTP 503"],
      [3, "delivered", 200, null],
    ]);
    expect(log.every((d) => d.url === url && d.event === "raised")).toBe(true);

    await lab.act(p, "fallback", "n1");
    await lab.advance(OP);
    await lab.runtime().alerts.settled();
    await lab.runtime().webhooks.settled();
    expect(received.at(-1)).toMatchObject({ event: "cleared", alert: { id: raised.id, clearedAt: expect.any(String) } });
  });

  it("a receiver that never answers delays neither the controller nor the alerts", async () => {
    const { db, controller } = lab.runtime();
    const hanging: ServerResponse[] = [];
    respond = (_req, res) => hanging.push(res);
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.runtime().alerts.settled();
    // The alert is recorded and the next action runs while the receiver still holds the request.
    expect(await db.alert.count({ where: { name: "SRMFailover", nodeId: p.n1, clearedAt: null } })).toBe(1);
    await lab.act(p, "fallback", "n1");
    await lab.advance(OP);
    expect(controller.groupStatus(p.groupId).nodes.map((n) => n.state)).toEqual(["Normal", "Normal"]);
    await lab.runtime().alerts.settled();
    expect(await db.alert.count({ where: { name: "SRMFailover", nodeId: p.n1, clearedAt: { not: null } } })).toBe(1);
    await expect.poll(() => hanging.length).toBeGreaterThan(0);
    // The receiver recovers: what is still being retried gets through.
    respond = (_req, res) => res.end();
    for (const res of hanging) res.end();
    await lab.runtime().webhooks.settled();
  });

  it("delivers nothing when no URL is set", async () => {
    const { db } = lab.runtime();
    await writeWebhookUrl(db, null, "admin");
    const p = await lab.pair();
    await lab.act(p, "failover", "n1");
    await lab.advance(OP);
    await lab.runtime().alerts.settled();
    await lab.runtime().webhooks.settled();
    const raised = await db.alert.findMany({ where: { nodeId: { in: [p.n1, p.n2] } } });
    expect(raised.length).toBeGreaterThan(0);
    expect(await deliveriesOf(raised.map((a) => a.id))).toEqual([]);
  });
});
