import ssh2 from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as events from "@/app/api/events/route.ts";
import * as groupHa from "@/app/api/groups/[id]/ha/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as lab from "@/app/api/lab/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import { PROMPT, SshCli } from "@/lib/cli/ssh-server.ts";
import { createAccount } from "@/lib/auth/accounts.ts";
import { ROLE_PASSWORD } from "./support/accounts.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

const { Client, utils } = ssh2;
const runtime = useTestRuntime();
const hostKey = utils.generateKeyPairSync("ed25519").private;
let cli: SshCli;
let cookie = "";
let groupId = 0;
const ids: Record<string, number> = {};

function connect(port: number, password = TEST_ADMIN_PASSWORD, username = "admin"): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.on("ready", () => resolve(client)).on("error", reject);
    client.connect({ host: "127.0.0.1", port, username, password, readyTimeout: 20_000 });
  });
}

function exec(client: ssh2.Client, command: string): Promise<{ out: string; code: number }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err);
      let out = "";
      let code = -1;
      stream.on("data", (d: Buffer) => (out += d.toString()));
      stream.on("exit", (c: number) => (code = c));
      stream.on("close", () => resolve({ out: out.replace(/\r\n/g, "\n").trimEnd(), code }));
    });
  });
}

const port = (host: string) => cli.ports()[host]!;

async function addNode(hostName: string) {
  const answer = await call(nodes.POST, { method: "POST", path: "/api/nodes", cookie, body: { hostName, softwareVersion: "15.0.1.12900-12", cluster: "ssh-lab" } });
  expect(answer.status).toBe(201);
  ids[hostName] = answer.body.id as number;
}

beforeAll(async () => {
  cookie = await signInAsAdmin();
  // Zero-length steps: a failover is complete when the command answers.
  await call(lab.PUT, { method: "PUT", path: "/api/lab", cookie, body: { speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 } });
  for (const host of ["ssh-pub", "ssh-a", "ssh-b"]) await addNode(host);
  const created = await call(groups.POST, { method: "POST", path: "/api/groups", cookie, body: { name: "SSH-HA", server1Id: ids["ssh-a"], server2Id: ids["ssh-b"], haEnabled: true } });
  expect(created.status).toBe(201);
  groupId = created.body.id;
  cli = await SshCli.start({ db: runtime().db, controller: runtime().controller, hostKey, basePort: 0, host: "127.0.0.1" });
});

afterAll(async () => {
  await cli?.close();
});

describe("the admin CLI over SSH", () => {
  it("gives every IM and Presence node its own port, the ones added later too", async () => {
    expect(Object.keys(cli.ports())).toEqual(expect.arrayContaining(["imp-pub", "imp-sub1", "ssh-pub", "ssh-a", "ssh-b"]));
    expect(new Set(Object.values(cli.ports())).size).toBe(Object.keys(cli.ports()).length);
  });

  it("refuses a wrong password and a password for no account", async () => {
    await expect(connect(port("ssh-a"), "wrong-password")).rejects.toThrow(/authentication/i);
    await expect(connect(port("ssh-a"), TEST_ADMIN_PASSWORD, "nobody")).rejects.toThrow(/authentication/i);
  });

  it("runs the status commands of its node and cluster", async () => {
    const client = await connect(port("ssh-a"));
    try {
      const status = await exec(client, "utils ha status");
      expect(status.code).toBe(0);
      // Only this node's cluster: its publisher's DefaultCUPSubCluster, not the demo cluster's.
      expect(status.out).toContain("Subcluster Name: DefaultCUPSubCluster\nNode 1 Name : ssh-pub State: Unknown Reason: High Availability Not Enabled");
      expect(status.out).not.toContain("imp-pub");
      expect((await exec(client, "utils ha status ssh-ha")).out).toBe(
        ["Subcluster Name: SSH-HA", "Node 1 Name : ssh-a State: Normal Reason: Normal", "Node 2 Name : ssh-b State: Normal Reason: Normal"].join("\n"),
      );

      const runtimestate = await exec(client, "utils dbreplication runtimestate");
      expect(runtimestate.out).toContain("Cluster Detailed View from ssh-a (3 Servers):");
      expect(runtimestate.out).toMatch(/ssh-b\s+\(2\) Replication is good/);
      expect((await exec(client, "utils dbreplication status")).out).toMatch(/ssh-pub\s+2\s+Connected/);

      const services = await exec(client, "utils service list");
      expect(services.out).toContain("Cisco XCP Router[STARTED]");
      expect(services.out).toContain("Cisco Server Recovery Manager[STARTED]");

      const show = await exec(client, "show status");
      expect(show.out).toContain("Host Name    : ssh-a");
      expect(show.out).toContain("HA State     : Normal (Normal)");
      expect((await exec(client, "help")).out).toContain("utils ha failover <node>");
    } finally {
      client.end();
    }
  });

  it("answers wrong commands and arguments in the CLI's own words", async () => {
    const client = await connect(port("ssh-a"));
    try {
      for (const [command, message] of [
        ["utils hq status", "No valid command entered"],
        ["utils ha failover", "Too few parameters: utils ha failover <node>"],
        ["utils ha failover ssh-a ssh-b", "Too many parameters: utils ha failover <node>"],
        ["utils ha status NoSuchGroup", "Invalid subcluster name: NoSuchGroup"],
        ["utils ha failover imp-sub1", "Invalid node name: imp-sub1 is not in this cluster"],
        ["utils service stop Cisco Nothing", "Invalid service name: Cisco Nothing"],
      ] as const) {
        const answer = await exec(client, command);
        expect(answer.code, command).toBe(1);
        expect(answer.out, command).toBe(`Executed command unsuccessfully\n${message}`);
      }
    } finally {
      client.end();
    }
  });

  it("fails a node over as the signed-in account, visible in the API and the history; the state's 409 rule applies", async () => {
    const client = await connect(port("ssh-b"));
    try {
      const failover = await exec(client, "utils ha failover ssh-a");
      expect(failover.code).toBe(0);
      expect(failover.out).toBe(
        [
          "Initiate Manual Failover for Node >ssh-a<",
          "Request SUCCESSFUL.",
          "Subcluster Name: SSH-HA",
          "Node 1 Name : ssh-a State: Idle Reason: On Admin Request",
          "Node 2 Name : ssh-b State: Running in Backup Mode Reason: On Admin Request",
        ].join("\n"),
      );
      const api = await call(groupHa.GET, { path: `/api/groups/${groupId}/ha`, params: { id: String(groupId) }, cookie });
      expect(api.body.nodes.map((n: { state: string }) => n.state)).toEqual(["Idle", "Running in Backup Mode"]);
      const history = await call(events.GET, { path: `/api/events?group=${groupId}&kind=action`, cookie });
      expect(history.body.items[0]).toMatchObject({ actor: "admin", kind: "action" });

      const again = await exec(client, "utils ha failover ssh-a");
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/^Executed command unsuccessfully\n.+/);

      const fallback = await exec(client, "utils ha fallback ssh-a");
      expect(fallback.out).toContain("Node 1 Name : ssh-a State: Normal Reason: Normal");
      const recover = await exec(client, "utils ha recover SSH-HA");
      expect(recover.code).toBe(1);
    } finally {
      client.end();
    }
  });

  it("a Read-only account may look but not act, and its refusal and sign-ins are in the audit log", async () => {
    await createAccount(runtime().db, { username: "ssh-viewer", role: "read_only", password: ROLE_PASSWORD });
    await expect(connect(port("ssh-a"), "not-its-password", "ssh-viewer")).rejects.toThrow(/authentication/i);
    const client = await connect(port("ssh-a"), ROLE_PASSWORD, "ssh-viewer");
    try {
      expect((await exec(client, "utils ha status SSH-HA")).code).toBe(0);
      const failover = await exec(client, "utils ha failover ssh-a");
      expect(failover.code).toBe(1);
      expect(failover.out).toMatch(/^Executed command unsuccessfully\n.*Read-only/);
      expect(runtime().controller.groupStatus(groupId).nodes.map((n) => n.state)).toEqual(["Normal", "Normal"]);
    } finally {
      client.end();
    }
    const rows = await runtime().db.auditLog.findMany({ where: { username: "ssh-viewer" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.status])).toEqual([
      ["sshSignIn", 401],
      ["sshSignIn", 200],
      ["haAction:failover", 403],
    ]);
  });

  it("starts and stops a service of its own node", async () => {
    const client = await connect(port("ssh-pub"));
    try {
      const stop = await exec(client, "utils service stop Cisco Presence Engine");
      expect(stop.code).toBe(0);
      expect(stop.out).toContain("Cisco Presence Engine[STOPPED]");
      expect((await exec(client, "utils service list")).out).toContain("Cisco Presence Engine[STOPPED]");
      expect((await exec(client, 'utils service start "cisco presence engine"')).out).toContain("Cisco Presence Engine[STARTED]");
      expect((await exec(client, "utils service restart Cisco Presence Engine")).out).toContain("Cisco Presence Engine[STARTED]");
    } finally {
      client.end();
    }
  });

  it("speaks in an interactive shell with the admin: prompt until exit", async () => {
    const client = await connect(port("ssh-a"));
    const transcript = await new Promise<string>((resolve, reject) => {
      client.shell({ term: "vt100" }, (err, stream) => {
        if (err) return reject(err);
        let out = "";
        let sent = false;
        stream.on("data", (d: Buffer) => {
          out += d.toString();
          if (!sent && out.endsWith(PROMPT)) {
            sent = true;
            stream.write("utils ha status\rexit\r");
          }
        });
        stream.on("close", () => resolve(out));
      });
    });
    client.end();
    expect(transcript).toContain(`${PROMPT}utils ha status\r\nSubcluster Name: DefaultCUPSubCluster\r\n`);
    expect(transcript).toContain("Node 2 Name : ssh-b State: Normal Reason: Normal\r\n");
    expect(transcript).toContain(`${PROMPT}exit\r\n`);
  });

  it("a powered-off or isolated node does not answer its port; back on, it does", async () => {
    const { controller } = runtime();
    await controller.fault(ids["ssh-pub"]!, "power-off", "admin");
    await expect(connect(port("ssh-pub"))).rejects.toThrow();
    await controller.fault(ids["ssh-pub"]!, "power-on", "admin");
    await controller.tick();
    (await connect(port("ssh-pub"))).end();

    await controller.fault(ids["ssh-pub"]!, "isolate-network", "admin");
    await expect(connect(port("ssh-pub"))).rejects.toThrow();
    await controller.fault(ids["ssh-pub"]!, "restore-network", "admin");
    (await connect(port("ssh-pub"))).end();
  });
});
