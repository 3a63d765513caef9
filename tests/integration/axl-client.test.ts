import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import * as soap from "soap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as axlRoute from "@/app/axl/route.ts";
import * as groupsRoute from "@/app/api/groups/route.ts";
import * as groupRoute from "@/app/api/groups/[id]/route.ts";
import * as inventory from "@/lib/inventory/nodes.ts";
import { frontDoor } from "@/lib/http/front-door.ts";
import { DEMO_CLUSTER, DEMO_VERSION } from "@/lib/inventory/demo-seed.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

// The soap package speaks HTTP; this server hands each request to the route
// handlers as Next.js would, so the client reads the WSDL, the XSD it
// imports and the endpoint address all from the same origin.
let server: Server;
let origin = "";
let client: soap.Client;
let cookie = "";

beforeAll(async () => {
  server = createServer((req, res) =>
    // Through the front door, as server.mjs serves the console: it takes /axl/ to the route without a redirect.
    frontDoor(req, res, async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
      const request = new NextRequest(new URL(req.url!, origin), { method: req.method, headers, body: req.method === "POST" ? Buffer.concat(chunks) : undefined });
      const route = new URL(req.url!, origin).pathname === "/axl" ? axlRoute : null;
      const response = !route ? new Response("not found", { status: 404 }) : req.method === "POST" ? await route.POST(request) : await route.GET(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = await soap.createClientAsync(`${origin}/axl/?wsdl`);
  client.setSecurity(new soap.BasicAuthSecurity("admin", TEST_ADMIN_PASSWORD));
  cookie = await signInAsAdmin();
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let seq = 0;
async function freeNode() {
  seq += 1;
  return (
    await inventory.createNode(runtime().db, {
      hostName: `soap-node-${String(seq).padStart(3, "0")}`,
      softwareVersion: DEMO_VERSION,
      cluster: DEMO_CLUSTER,
      replicationState: 2,
    })
  ).hostName;
}

const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe("AXL through a SOAP client generated from the WSDL", () => {
  it("adds, gets, lists with wildcards and paging, updates and removes", async () => {
    expect(client.describe().AXLAPIService.AXLPort).toHaveProperty("listPresenceRedundancyGroup");
    const wsdl = await (await fetch(`${origin}/axl/?wsdl`)).text();
    // NextRequest names 127.0.0.1 localhost; the port and path are what matter.
    const port = new URL(origin).port;
    expect(wsdl).toMatch(new RegExp(`<soap:address location="http://[^"/]+:${port}/axl/"/>`));
    expect(wsdl).toMatch(new RegExp(`schemaLocation="http://[^"/]+:${port}/axl/\\?xsd"`));
    const names = ["soap-b", "soap-a", "soap-c"];
    const uuids: string[] = [];
    for (const name of names) {
      const [added] = await client.addPresenceRedundancyGroupAsync({
        presenceRedundancyGroup: { name, description: `made by soap ${name}`, server1: await freeNode(), haEnabled: false },
      });
      uuids.push(added.return);
    }
    expect(uuids[0]).toMatch(/^\{[0-9A-F-]{36}\}$/);

    const [got] = await client.getPresenceRedundancyGroupAsync({ uuid: uuids[1] });
    expect(got.return.presenceRedundancyGroup).toMatchObject({ name: "soap-a", description: "made by soap soap-a", haEnabled: false, numUsers: 0 });
    expect(got.return.presenceRedundancyGroup.attributes.uuid).toBe(uuids[1]);

    const list = async (args: object) =>
      asList((await client.listPresenceRedundancyGroupAsync({ returnedTags: { name: "", description: "" }, ...args }))[0].return?.presenceRedundancyGroup).map(
        (g: { name: string }) => g.name,
      );
    expect(await list({ searchCriteria: { name: "soap-%" } })).toEqual(["soap-a", "soap-b", "soap-c"]);
    expect(await list({ searchCriteria: { description: "%soap-c" } })).toEqual(["soap-c"]);
    expect(await list({ searchCriteria: { name: "soap-%" }, skip: 1, first: 1 })).toEqual(["soap-b"]);

    const [updated] = await client.updatePresenceRedundancyGroupAsync({ name: "soap-b", newName: "soap-b2", description: "renamed" });
    expect(updated.return).toBe(uuids[0]);
    const [after] = await client.getPresenceRedundancyGroupAsync({ name: "soap-b2" });
    expect(after.return.presenceRedundancyGroup.description).toBe("renamed");

    const [removed] = await client.removePresenceRedundancyGroupAsync({ uuid: uuids[2] });
    expect(removed.return).toBe(uuids[2]);
    expect(await list({ searchCriteria: { name: "soap-%" } })).toEqual(["soap-a", "soap-b2"]);
  });

  it("reads servers and updates a Server Recovery Manager parameter", async () => {
    const [listed] = await client.listProcessNodeAsync({ searchCriteria: { name: "imp-%" }, returnedTags: { name: "", nodeUsage: "" }, first: 2 });
    expect(asList(listed.return.processNode).map((n: { name: string }) => n.name)).toEqual(["imp-pub", "imp-sub1"]);
    const [node] = await client.getProcessNodeAsync({ name: "imp-pub" });
    expect(node.return.processNode).toMatchObject({ name: "imp-pub", nodeUsage: "Publisher" });
    const target = { processNodeName: "imp-pub", name: "keepAliveTimeout", service: "Cisco Server Recovery Manager" };
    const before = Number((await client.getServiceParameterAsync(target))[0].return.serviceParameter.value);
    await client.updateServiceParameterAsync({ ...target, value: String(before + 1) });
    expect((await client.getServiceParameterAsync(target))[0].return.serviceParameter.value).toBe(String(before + 1));
  });

  it("surfaces a refusal as a SOAP fault with the AXL detail", async () => {
    const error = await client.getPresenceRedundancyGroupAsync({ name: "soap-missing" }).catch((e: unknown) => e);
    expect((error as { root: any }).root.Envelope.Body.Fault.detail.axlError).toMatchObject({ axlcode: "5007" });
  });

  it("shows a change made through AXL at once in the JSON API, and the reverse", async () => {
    await client.addPresenceRedundancyGroupAsync({ presenceRedundancyGroup: { name: "soap-cross", server1: await freeNode() } });
    const listed = await call(groupsRoute.GET, { path: "/api/groups?field=name&match=exact&q=soap-cross", cookie });
    const group = listed.body.items[0];
    expect(group).toMatchObject({ name: "soap-cross", description: "" });

    const patched = await call(groupRoute.PATCH, {
      method: "PATCH",
      path: `/api/groups/${group.id}`,
      params: { id: String(group.id) },
      body: { version: group.version, description: "set by the JSON API" },
      cookie,
    });
    expect(patched.status).toBe(200);
    const [got] = await client.getPresenceRedundancyGroupAsync({ name: "soap-cross" });
    expect(got.return.presenceRedundancyGroup.description).toBe("set by the JSON API");

    await client.updatePresenceRedundancyGroupAsync({ name: "soap-cross", description: "set by AXL" });
    const again = await call(groupRoute.GET, { path: `/api/groups/${group.id}`, params: { id: String(group.id) }, cookie });
    expect(again.body).toMatchObject({ description: "set by AXL", version: group.version + 2 });
  });
});
