import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as events from "@/app/api/events/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as lab from "@/app/api/lab/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import * as tokens from "@/app/api/tokens/route.ts";
import { EXIT, runPrg } from "@/lib/cli/prg.ts";
import { serve } from "./support/api-router.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

useTestRuntime();
let cookie = "";
let token = "";
let groupId = 0;
let url = "";
let server: Server;
const ids: Record<string, number> = {};

/** The console's API on a real port, served as the console's server does (front door, then the route files). */
function startConsole(): Promise<Server> {
  const s = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      void serve({ method: req.method!, target: req.url!, headers, body: chunks.length ? Buffer.concat(chunks) : null }).then(async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

async function prg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runPrg(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { PRG_URL: url, PRG_TOKEN: token } });
  return { code, out, err };
}

beforeAll(async () => {
  cookie = await signInAsAdmin();
  await call(lab.PUT, { method: "PUT", path: "/api/lab", cookie, body: { speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 } });
  for (const hostName of ["prg-pub", "prg-a", "prg-b"]) {
    const answer = await call(nodes.POST, { method: "POST", path: "/api/nodes", cookie, body: { hostName, softwareVersion: "15.0.1.12900-12", cluster: "prg-lab" } });
    ids[hostName] = answer.body.id;
  }
  const created = await call(groups.POST, { method: "POST", path: "/api/groups", cookie, body: { name: "PRG-HA", server1Id: ids["prg-a"], server2Id: ids["prg-b"], haEnabled: true } });
  groupId = created.body.id;
  token = (await call(tokens.POST, { method: "POST", path: "/api/tokens", body: { name: "prg-cli-test" }, cookie })).body.secret;
  server = await startConsole();
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe("the local prg CLI against a running console", () => {
  it("prints utils ha status as the node CLI does, and as JSON", async () => {
    const text = await prg("utils", "ha", "status", "PRG-HA");
    expect(text).toEqual({
      code: EXIT.ok,
      out: "Subcluster Name: PRG-HA\nNode 1 Name : prg-a State: Normal Reason: Normal\nNode 2 Name : prg-b State: Normal Reason: Normal\n",
      err: "",
    });
    const json = await prg("utils", "ha", "status", "PRG-HA", "--json");
    expect(JSON.parse(json.out)).toEqual({
      subclusters: [
        {
          subcluster: "PRG-HA",
          groupId,
          haEnabled: true,
          nodes: [
            { name: "prg-a", state: "Normal", reason: "Normal" },
            { name: "prg-b", state: "Normal", reason: "Normal" },
          ],
        },
      ],
    });
  });

  it("runs every command with --json", async () => {
    for (const argv of [
      ["utils", "dbreplication", "status"],
      ["utils", "dbreplication", "runtimestate"],
      ["--node", "prg-pub", "utils", "service", "list"],
      ["--node", "prg-pub", "utils", "service", "restart", "Cisco", "XCP", "Router"],
      ["--node", "prg-pub", "show", "status"],
    ]) {
      const answer = await prg(...argv, "--json");
      expect(answer.code, argv.join(" ")).toBe(EXIT.ok);
      expect(() => JSON.parse(answer.out), argv.join(" ")).not.toThrow();
    }
    const list = JSON.parse((await prg("--node", "prg-pub", "--json", "utils", "service", "list")).out);
    expect(list.services).toContainEqual({ name: "Cisco XCP Router", status: "STARTED" });
  });

  it("fails over through the same path as the pages: the history names the token's account; a second failover is refused", async () => {
    const failover = await prg("utils", "ha", "failover", "prg-a");
    expect(failover.code).toBe(EXIT.ok);
    expect(failover.out).toContain("Node 1 Name : prg-a State: Idle Reason: On Admin Request");
    const history = await call(events.GET, { path: `/api/events?group=${groupId}&kind=action`, cookie });
    expect(history.body.items[0]).toMatchObject({ actor: "admin" });

    const again = await prg("utils", "ha", "failover", "prg-a", "--json");
    expect(again.code).toBe(EXIT.refused);
    expect(JSON.parse(again.out).error.kind).toBe("refused");
    expect((await prg("utils", "ha", "fallback", "prg-a")).code).toBe(EXIT.ok);
  });

  it("documents its failures in the exit code", async () => {
    expect((await prg("utils", "ha", "failover", "no-such-node")).code).toBe(EXIT.refused);
    expect((await prg("utils", "service", "list")).code).toBe(EXIT.usage);
    expect((await prg("utils", "ha", "failover")).code).toBe(EXIT.usage);
    expect((await prg("--token", "prg_revoked", "utils", "ha", "status")).code).toBe(EXIT.unauthorized);
    expect((await prg("--url", "http://127.0.0.1:1", "utils", "ha", "status")).code).toBe(EXIT.unavailable);
  });

  it("the installed binary runs as a separate process", async () => {
    const bin = path.resolve(import.meta.dirname, "../../bin/prg.mjs");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "utils", "ha", "status", "PRG-HA", "--json"], {
      env: { ...process.env, PRG_URL: url, PRG_TOKEN: token },
    });
    expect(JSON.parse(stdout).subclusters[0].nodes[0]).toEqual({ name: "prg-a", state: "Normal", reason: "Normal" });
    const refused = await promisify(execFile)(process.execPath, [bin, "utils", "ha", "recover", "PRG-HA"], {
      env: { ...process.env, PRG_URL: url, PRG_TOKEN: token },
    }).catch((err: { code: number; stderr: string }) => err);
    expect(refused).toMatchObject({ code: EXIT.refused, stderr: expect.stringContaining("Executed command unsuccessfully") });
  });
});
