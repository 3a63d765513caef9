import { beforeAll, describe, expect, it } from "vitest";
import * as enterprise from "@/app/api/enterprise-parameters/route.ts";
import * as params from "@/app/api/service-parameters/route.ts";
import { DEFAULT_CLUSTER_PARAMETERS, SRM_PARAMETERS } from "@/lib/params/definitions.ts";
import { call } from "./support/call.ts";
import { leavesUnchanged } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

const get = () => call(params.GET, { path: "/api/service-parameters", cookie });
const put = (body: unknown) => call(params.PUT, { method: "PUT", path: "/api/service-parameters", cookie, body });
const valueOf = (view: { cluster: { key: string; value: unknown }[] }, key: string) => view.cluster.find((p) => p.key === key)?.value;

const unchanged = <T>(fn: () => Promise<T>) =>
  leavesUnchanged(async () => [(await get()).body, await runtime().db.setting.count()], fn);

describe("Service parameters", () => {
  it("lists every parameter once with value, default, range, unit and help", async () => {
    const answer = await get();
    expect(answer.status).toBe(200);
    expect(answer.body.cluster.map((p: { key: string }) => p.key)).toEqual(SRM_PARAMETERS.filter((p) => p.scope === "cluster").map((p) => p.key));
    expect(answer.body.cluster.find((p: { key: string }) => p.key === "keepAliveTimeout")).toMatchObject({
      name: "Keep Alive (Heartbeat) Timeout",
      value: 60,
      default: 60,
      min: 1,
      max: 3600,
      unit: "seconds",
    });
    expect(answer.body.nodes).toHaveLength(6);
    expect(answer.body.nodes[0].parameters.map((p: { key: string; value: number }) => [p.key, p.value])).toEqual([
      ["clientReloginLowerLimit", 120],
      ["clientReloginUpperLimit", 537],
    ]);
  });

  it.each([
    [{ keepAliveTimeout: 0 }, "cluster.keepAliveTimeout", "Keep Alive (Heartbeat) Timeout must be a whole number from 1 to 3600"],
    [{ keepAliveTimeout: 3601 }, "cluster.keepAliveTimeout", "Keep Alive (Heartbeat) Timeout must be a whole number from 1 to 3600"],
    [{ criticalServiceDownDelay: 1.5 }, "cluster.criticalServiceDownDelay", "Critical Service Down Delay must be a whole number from 1 to 3600"],
    [{ servicePort: 1023 }, "cluster.servicePort", "Service Port must be a whole number from 1024 to 65535"],
    [{ adminRpcPort: 65536 }, "cluster.adminRpcPort", "Admin RPC Port must be a whole number from 1024 to 65535"],
    [{ adminRpcPort: 22001 }, "cluster.adminRpcPort", "Admin RPC Port must differ from Service Port"],
    [{ keepAliveInterval: 60 }, "cluster.keepAliveInterval", "Keep Alive (Heartbeat) Interval must be less than the Keep Alive (Heartbeat) Timeout"],
    [{ keepAliveTimeout: 15 }, "cluster.keepAliveInterval", "Keep Alive (Heartbeat) Interval must be less than the Keep Alive (Heartbeat) Timeout"],
    [{ enableAutomaticFallback: "yes" }, "cluster.enableAutomaticFallback", "Enable Automatic Fallback must be True or False"],
  ])("refuses %o with 422 naming %s, changing nothing", async (cluster, field, message) => {
    const answer = await unchanged(() => put({ cluster }));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("validation_failed");
    expect(answer.body.error.fields[field]).toBe(message);
  });

  it("refuses a lower re-login limit above the upper one, and an unknown node", async () => {
    const nodeId = (await get()).body.nodes[1].nodeId;
    const answer = await unchanged(() => put({ nodes: [{ nodeId, values: { clientReloginLowerLimit: 600 } }] }));
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields[`nodes.${nodeId}.clientReloginLowerLimit`]).toBe(
      "Client Re-Login Lower Limit may not be above the Client Re-Login Upper Limit",
    );
    const unknown = await unchanged(() => put({ nodes: [{ nodeId: 999999, values: { clientReloginLowerLimit: 1 } }] }));
    expect(unknown.status).toBe(404);
  });

  it("saves only the values sent, tells the running controller, and records who changed what", async () => {
    const answer = await put({ cluster: { keepAliveTimeout: 45, enableAutomaticFallback: true } });
    expect(answer.status).toBe(200);
    expect(valueOf(answer.body, "keepAliveTimeout")).toBe(45);
    expect(valueOf(answer.body, "keepAliveInterval")).toBe(15);
    expect(runtime().controller.clusterParameters).toMatchObject({ keepAliveTimeout: 45, enableAutomaticFallback: true });
    const events = await runtime().db.haEvent.findMany({ where: { kind: "parameter" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.message, e.actor]).sort()).toEqual([
      ["Enable Automatic Fallback changed from False to True", "admin"],
      ["Keep Alive (Heartbeat) Timeout changed from 60 seconds to 45 seconds", "admin"],
    ]);
    await put({ cluster: { keepAliveTimeout: DEFAULT_CLUSTER_PARAMETERS.keepAliveTimeout, enableAutomaticFallback: false } });
  });

  it("two concurrent saves cannot together break a joint rule: one wins, the other is refused", async () => {
    const [a, b] = await Promise.all([put({ cluster: { keepAliveInterval: 50 } }), put({ cluster: { keepAliveTimeout: 40 } })]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    const view = (await get()).body;
    expect((valueOf(view, "keepAliveInterval") as number) < (valueOf(view, "keepAliveTimeout") as number)).toBe(true);
    expect(runtime().controller.clusterParameters).toMatchObject({
      keepAliveInterval: valueOf(view, "keepAliveInterval"),
      keepAliveTimeout: valueOf(view, "keepAliveTimeout"),
    });
    await put({ cluster: { keepAliveInterval: 15, keepAliveTimeout: 60 } });
  });

  it("warns, without refusing, where Cisco's guidance is not followed", async () => {
    const view = (await get()).body;
    const pub = view.nodes.find((n: { hostName: string }) => n.hostName === "imp-pub");
    const answer = await put({ nodes: [{ nodeId: pub.nodeId, values: { clientReloginLowerLimit: 90 } }] });
    expect(answer.status).toBe(200);
    // 90 s equals the default Critical Service Down Delay. The others' factory 120 s is nobody's choice: no warning on it.
    expect(answer.body.warnings.some((w: string) => w.startsWith("imp-pub:"))).toBe(false);
    expect(answer.body.warnings.some((w: string) => w.startsWith("imp-sub1: Client Re-Login Lower Limit"))).toBe(false);
    const aligned = await put({ cluster: { criticalServiceDownDelay: 120 } });
    expect(aligned.body.warnings.some((w: string) => w.startsWith("imp-sub1:"))).toBe(false);
    expect(aligned.body.warnings.some((w: string) => w.startsWith("imp-pub:"))).toBe(true);
  });
});

describe("Enterprise parameters", () => {
  it("defaults to Balanced and refuses unknown modes with 422", async () => {
    const answer = await call(enterprise.GET, { path: "/api/enterprise-parameters", cookie });
    expect(answer.body).toMatchObject({ userAssignmentMode: "Balanced", default: "Balanced", pendingGroups: [] });
    const bad = await call(enterprise.PUT, { method: "PUT", path: "/api/enterprise-parameters", cookie, body: { userAssignmentMode: "Random" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.userAssignmentMode).toBe("User Assignment Mode for Presence Server must be one of Balanced, Active-Standby, None");
  });
});
