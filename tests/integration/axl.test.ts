import { describe, expect, it } from "vitest";
import * as inventory from "@/lib/inventory/nodes.ts";
import { DEMO_CLUSTER, DEMO_OTHER_VERSION, DEMO_VERSION } from "@/lib/inventory/demo-seed.ts";
import { axl, postAxl, type AxlAnswer } from "./support/axl.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

let seq = 0;
async function freeNode(version = DEMO_VERSION) {
  seq += 1;
  const node = await inventory.createNode(runtime().db, {
    hostName: `axl-node-${String(seq).padStart(3, "0")}`,
    softwareVersion: version,
    cluster: DEMO_CLUSTER,
    replicationState: 2,
  });
  return node.hostName;
}

const groupXml = (g: { name: string; description?: string; server1: string; server2?: string; haEnabled?: boolean }) =>
  `<presenceRedundancyGroup><name>${g.name}</name><description>${g.description ?? ""}</description><server1>${g.server1}</server1>${
    g.server2 ? `<server2>${g.server2}</server2>` : ""
  }<haEnabled>${g.haEnabled ?? false}</haEnabled></presenceRedundancyGroup>`;

function expectFault(answer: AxlAnswer, axlcode: number, message: RegExp) {
  expect(answer.status).toBe(500);
  const fault = answer.body.Fault;
  expect(fault.faultcode).toMatch(/^soapenv:(Client|Server)$/);
  expect(fault.faultstring).toMatch(message);
  expect(fault.detail.axlError.axlcode).toBe(String(axlcode));
  expect(fault.detail.axlError.axlmessage).toBe(fault.faultstring);
  expect(answer.text).not.toMatch(/at .*\.ts:\d+|Error:/);
}

const groupCount = () => runtime().db.presenceRedundancyGroup.count();

describe("AXL Presence Redundancy Groups (raw XML)", () => {
  it("adds a group and answers its uuid in braces, upper case, stable across reads", async () => {
    const [s1, s2] = [await freeNode(), await freeNode()];
    const added = await axl("addPresenceRedundancyGroup", groupXml({ name: "axl-a", description: "first", server1: s1, server2: s2 }));
    expect(added.status).toBe(200);
    const uuid = added.body.addPresenceRedundancyGroupResponse.return;
    expect(uuid).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);

    const byName = await axl("getPresenceRedundancyGroup", "<name>axl-a</name>");
    const byUuid = await axl("getPresenceRedundancyGroup", `<uuid>${uuid.toLowerCase().slice(1, -1)}</uuid>`);
    for (const got of [byName, byUuid]) {
      const g = got.body.getPresenceRedundancyGroupResponse.return.presenceRedundancyGroup;
      expect(g).toMatchObject({ "@_uuid": uuid, name: "axl-a", description: "first", server1: s1, server2: s2, haEnabled: "false", numUsers: "0" });
    }
  });

  it("answers the version the request names", async () => {
    const answer = await axl("listPresenceRedundancyGroup", "<searchCriteria><name>%</name></searchCriteria><returnedTags><name/></returnedTags>", {
      version: "12.5",
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('xmlns:ns="http://www.cisco.com/AXL/API/12.5"');
  });

  it("refuses a duplicate name with -239 and adds nothing", async () => {
    await axl("addPresenceRedundancyGroup", groupXml({ name: "axl-dup", server1: await freeNode() }));
    const before = await groupCount();
    const answer = await axl("addPresenceRedundancyGroup", groupXml({ name: "AXL-DUP", server1: await freeNode() }));
    expectFault(answer, -239, /already exists/);
    expect(await groupCount()).toBe(before);
  });

  it("refuses a node already in a group", async () => {
    const s1 = await freeNode();
    await axl("addPresenceRedundancyGroup", groupXml({ name: "axl-holder", server1: s1 }));
    const before = await groupCount();
    const answer = await axl("addPresenceRedundancyGroup", groupXml({ name: "axl-grab", server1: s1 }));
    expectFault(answer, 5003, /already|another/i);
    expect(await groupCount()).toBe(before);
  });

  it("refuses two servers whose versions differ", async () => {
    const before = await groupCount();
    const answer = await axl("addPresenceRedundancyGroup", groupXml({ name: "axl-mixed", server1: await freeNode(), server2: await freeNode(DEMO_OTHER_VERSION) }));
    expectFault(answer, 5003, /version/i);
    expect(await groupCount()).toBe(before);
  });

  it("names the element of a field the rules refuse", async () => {
    const answer = await axl("addPresenceRedundancyGroup", groupXml({ name: "bad name!", server1: await freeNode() }));
    expectFault(answer, 5003, /^name: /);
  });

  it("answers 5007 for an unknown uuid, on get, update and remove", async () => {
    const unknown = "{00000000-0000-4000-8000-000000000000}";
    expectFault(await axl("getPresenceRedundancyGroup", `<uuid>${unknown}</uuid>`), 5007, /no Presence Redundancy Group/);
    expectFault(await axl("updatePresenceRedundancyGroup", `<uuid>${unknown}</uuid><description>x</description>`), 5007, /no Presence/);
    expectFault(await axl("removePresenceRedundancyGroup", `<uuid>${unknown}</uuid>`), 5007, /no Presence/);
    expectFault(await axl("getPresenceRedundancyGroup", "<uuid>not-a-uuid</uuid>"), 5003, /not a uuid/);
  });

  it("updates by name and removes by uuid", async () => {
    const [s1, s2] = [await freeNode(), await freeNode()];
    const uuid = (await axl("addPresenceRedundancyGroup", groupXml({ name: "axl-up", server1: s1 }))).body.addPresenceRedundancyGroupResponse.return;
    const updated = await axl(
      "updatePresenceRedundancyGroup",
      `<name>axl-up</name><newName>axl-up2</newName><description>two</description><server2>${s2}</server2><haEnabled>true</haEnabled>`,
    );
    expect(updated.status).toBe(200);
    expect(updated.body.updatePresenceRedundancyGroupResponse.return).toBe(uuid);
    const g = (await axl("getPresenceRedundancyGroup", `<uuid>${uuid}</uuid>`)).body.getPresenceRedundancyGroupResponse.return.presenceRedundancyGroup;
    expect(g).toMatchObject({ name: "axl-up2", description: "two", server2: s2, haEnabled: "true" });
    // The pages' rule holds: servers stay while HA is on.
    expectFault(await axl("updatePresenceRedundancyGroup", `<uuid>${uuid}</uuid><server2>${await freeNode()}</server2>`), 5003, /Disable High Availability/);
    const removed = await axl("removePresenceRedundancyGroup", `<uuid>${uuid}</uuid>`);
    expect(removed.status).toBe(200);
    expectFault(await axl("getPresenceRedundancyGroup", "<name>axl-up2</name>"), 5007, /named axl-up2/);
  });

  it("lists with % wildcards on name and description, skip and first, and returnedTags", async () => {
    for (const [i, d] of ["alpha", "beta", "alphabet"].entries()) {
      await axl("addPresenceRedundancyGroup", groupXml({ name: `axl-list-${i}`, description: d, server1: await freeNode() }));
    }
    const list = async (inner: string) => {
      const answer = await axl("listPresenceRedundancyGroup", inner);
      expect(answer.status).toBe(200);
      const items = answer.body.listPresenceRedundancyGroupResponse.return?.presenceRedundancyGroup ?? [];
      return (Array.isArray(items) ? items : [items]) as Record<string, string>[];
    };
    const tags = "<returnedTags><name/><numUsers/></returnedTags>";
    expect((await list(`<searchCriteria><name>axl-list-%</name></searchCriteria>${tags}`)).map((g) => g.name)).toEqual([
      "axl-list-0",
      "axl-list-1",
      "axl-list-2",
    ]);
    const byDescription = await list(`<searchCriteria><description>alpha%</description></searchCriteria>${tags}`);
    expect(byDescription.map((g) => g.name)).toEqual(["axl-list-0", "axl-list-2"]);
    expect(Object.keys(byDescription[0]!).sort()).toEqual(["@_uuid", "name", "numUsers"]);
    expect((await list(`<searchCriteria><name>AXL-LIST-%</name></searchCriteria>${tags}<skip>1</skip><first>1</first>`)).map((g) => g.name)).toEqual([
      "axl-list-1",
    ]);
    expectFault(await axl("listPresenceRedundancyGroup", `<searchCriteria><name>%</name></searchCriteria><first>many</first>`), 5003, /first/);
  });
});

describe("AXL requests refused before any operation", () => {
  it("answers 401 with a Basic challenge to missing or wrong credentials", async () => {
    for (const authorization of [null, `Basic ${Buffer.from("admin:wrong-password").toString("base64")}`]) {
      const answer = await axl("listPresenceRedundancyGroup", "<searchCriteria><name>%</name></searchCriteria>", { authorization });
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    }
  });

  it("answers malformed XML with a fault and changes nothing", async () => {
    const before = await groupCount();
    const answer = await postAxl("<soapenv:Envelope><soapenv:Body><ns:addPresenceRedundancyGroup>", {
      soapAction: '"CUCM:DB ver=15.0 addPresenceRedundancyGroup"',
    });
    expectFault(answer, 5003, /not well-formed XML/);
    expect(await groupCount()).toBe(before);
  });

  it("refuses a body over 256 KiB with a fault and HTTP 413", async () => {
    const answer = await axl("getPresenceRedundancyGroup", `<name>${"x".repeat(300 * 1024)}</name>`);
    expect(answer.status).toBe(413);
    expect(answer.body.Fault.faultstring).toMatch(/at most 256 KiB/);
  });

  it("refuses an unknown operation, an unsupported version and a SOAPAction that names another operation", async () => {
    expectFault(await axl("addPhone", ""), 5002, /not an operation/);
    expectFault(await axl("constructor", ""), 5003, /could not be read/);
    expectFault(await axl("getPresenceRedundancyGroup", "<name>x</name>", { version: "8.5" }), 5011, /not supported/);
    const xml = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="http://www.cisco.com/AXL/API/15.0"><soapenv:Body><ns:removePresenceRedundancyGroup><name>x</name></ns:removePresenceRedundancyGroup></soapenv:Body></soapenv:Envelope>`;
    expectFault(await postAxl(xml, { soapAction: '"CUCM:DB ver=15.0 getPresenceRedundancyGroup"' }), 5003, /SOAPAction names/);
    expectFault(await postAxl(xml, {}), 5003, /SOAPAction must be/);
  });

  it("refuses an XML bomb and an XXE attempt quickly, expanding nothing", async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${lol}]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:addPresenceRedundancyGroup xmlns:ns="http://www.cisco.com/AXL/API/15.0"><presenceRedundancyGroup><name>&lol9;</name></presenceRedundancyGroup></ns:addPresenceRedundancyGroup></soapenv:Body></soapenv:Envelope>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:getPresenceRedundancyGroup xmlns:ns="http://www.cisco.com/AXL/API/15.0"><name>&xxe;</name></ns:getPresenceRedundancyGroup></soapenv:Body></soapenv:Envelope>`;
    for (const [xml, op] of [[bomb, "addPresenceRedundancyGroup"], [xxe, "getPresenceRedundancyGroup"]] as const) {
      const started = performance.now();
      const answer = await postAxl(xml, { soapAction: `"CUCM:DB ver=15.0 ${op}"` });
      expect(performance.now() - started).toBeLessThan(1000);
      expectFault(answer, 5003, /Document type declarations are not allowed/);
      expect(answer.text).not.toContain("root:");
    }
  });
});

describe("AXL servers and Server Recovery Manager parameters", () => {
  it("gets and lists process nodes with wildcards and paging", async () => {
    const pub = (await axl("getProcessNode", "<name>imp-pub</name>")).body.getProcessNodeResponse.return.processNode;
    expect(pub).toMatchObject({ name: "imp-pub", nodeUsage: "Publisher", processNodeRole: "CUP" });
    expect(pub["@_uuid"]).toMatch(/^\{[0-9A-F-]{36}\}$/);
    const byUuid = (await axl("getProcessNode", `<uuid>${pub["@_uuid"]}</uuid>`)).body.getProcessNodeResponse.return.processNode;
    expect(byUuid.name).toBe("imp-pub");
    const listed = await axl("listProcessNode", "<searchCriteria><name>imp-sub%</name></searchCriteria><returnedTags><name/></returnedTags><skip>1</skip><first>2</first>");
    expect(listed.body.listProcessNodeResponse.return.processNode.map((n: { name: string }) => n.name)).toEqual(["imp-sub2", "imp-sub3"]);
    expectFault(await axl("getProcessNode", "<name>no-such-node</name>"), 5007, /no process node named no-such-node/);
  });

  it("reads and updates a cluster-wide and a per-node parameter through the same rules", async () => {
    const param = (node: string, name: string, value?: string) =>
      `<processNodeName>${node}</processNodeName><name>${name}</name><service>Cisco Server Recovery Manager</service>${value === undefined ? "" : `<value>${value}</value>`}`;
    const get = async (node: string, name: string) => (await axl("getServiceParameter", param(node, name))).body.getServiceParameterResponse.return.serviceParameter;
    expect(await get("imp-sub1", "CriticalServiceDownDelay")).toMatchObject({ name: "criticalServiceDownDelay", value: "90", valueType: "Integer" });

    expect((await axl("updateServiceParameter", param("imp-sub1", "criticalServiceDownDelay", "120"))).status).toBe(200);
    expect((await get("imp-pub", "criticalServiceDownDelay")).value).toBe("120");
    const view = await runtime().db.setting.findMany({ where: { key: "criticalServiceDownDelay" } });
    expect(view.map((s) => s.value)).toContain("120");

    expectFault(await axl("updateServiceParameter", param("imp-sub1", "criticalServiceDownDelay", "0")), 5003, /criticalServiceDownDelay/);
    expect((await get("imp-pub", "criticalServiceDownDelay")).value).toBe("120");
    expectFault(await axl("updateServiceParameter", param("imp-sub1", "servicePort", "lots")), 5003, /whole number/);

    const upper = Number((await get("imp-sub1", "clientReloginUpperLimit")).value);
    expect((await axl("updateServiceParameter", param("imp-sub1", "clientReloginUpperLimit", String(upper + 1)))).status).toBe(200);
    expect((await get("imp-sub1", "clientReloginUpperLimit")).value).toBe(String(upper + 1));
    expect((await get("imp-sub2", "clientReloginUpperLimit")).value).toBe(String(upper));
    expectFault(await axl("getServiceParameter", param("imp-sub1", "NoSuchParameter")), 5007, /no parameter NoSuchParameter/);
    expectFault(
      await axl("getServiceParameter", "<processNodeName>imp-pub</processNodeName><name>x</name><service>Cisco CallManager</service>"),
      5007,
      /only Cisco Server Recovery Manager/,
    );
  });
});
