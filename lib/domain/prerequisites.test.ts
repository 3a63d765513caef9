import { describe, expect, it } from "vitest";
import { SERVICE_NAMES } from "./services.ts";
import { enableHaConsequence, prerequisiteVerdict, readiness, requiredServices, type PrerequisiteVerdict } from "./prerequisites.ts";
import { english } from "../http/rule-messages.ts";

const allStarted = SERVICE_NAMES.map((name) => ({ name, status: "STARTED" as const }));
const node = (over: Partial<{ replicationState: number; stopped: string[] }> = {}) => ({
  hostName: "n",
  replicationState: over.replicationState ?? 2,
  services: allStarted.map((s) => (over.stopped?.includes(s.name) ? { ...s, status: "STOPPED" as const } : s)),
});

describe("HA prerequisites", () => {
  it("requires the five critical services and the database, XCP Authentication only when monitored", () => {
    expect(requiredServices(false)).toEqual([
      "Cisco Client Profile Agent",
      "Cisco Sync Agent",
      "Cisco XCP Router",
      "Cisco SIP Proxy",
      "Cisco Presence Engine",
      "Cisco DB",
    ]);
    expect(requiredServices(true)).toContain("Cisco XCP Authentication Service");
    expect(requiredServices(true)).not.toContain("Cisco Server Recovery Manager");
  });

  it("is ready only with replication 2 and every required service started", () => {
    expect(readiness(node()).ready).toBe(true);
    const bad = readiness(node({ replicationState: 3 }));
    expect(bad).toMatchObject({ ready: false, replicationGood: false });
    expect(english(bad.replication)).toBe("3: Replication is bad in the cluster");
    expect(readiness(node({ stopped: ["Cisco SIP Proxy"] }))).toMatchObject({ ready: false, stoppedServices: ["Cisco SIP Proxy"] });
    expect(readiness(node({ stopped: ["Cisco XCP Authentication Service"] })).ready).toBe(true);
    expect(readiness(node({ stopped: ["Cisco XCP Authentication Service"] }), true).ready).toBe(false);
  });

  it("states the documented consequence of enabling HA", () => {
    const ok = readiness(node());
    const down = readiness(node({ stopped: ["Cisco XCP Router"] }));
    const noRepl = readiness(node({ replicationState: 0 }));
    expect(enableHaConsequence([ok, ok])).toBeNull();
    expect(english(enableHaConsequence([down, down])!)).toMatch(/failed state/);
    expect(english(enableHaConsequence([ok, down])!)).toMatch(/fail over to its peer at once/);
    expect(english(enableHaConsequence([ok, noRepl])!)).toMatch(/immediate failover/);
  });
});

const inEnglish = (v: PrerequisiteVerdict) => (v.met ? v : { met: false, text: english(v.text) });

describe("prerequisites verdict", () => {
  const ok = readiness(node());
  it("is met only for two ready nodes that may form a group", () => {
    expect(prerequisiteVerdict([ok, ok], null)).toEqual({ met: true });
  });
  it("is not met with one node, even a ready one", () => {
    expect(inEnglish(prerequisiteVerdict([ok], null))).toEqual({ met: false, text: expect.stringMatching(/needs two Presence Servers/) });
  });
  it("is not met when the pair breaks a group rule (another version or cluster)", () => {
    const otherVersion = { key: "group.otherVersion", values: { host1: "a", version1: "15", host2: "b", version2: "14" } };
    expect(prerequisiteVerdict([ok, ok], otherVersion)).toEqual({ met: false, text: otherVersion });
  });
  it("states the consequence when a critical service is down", () => {
    expect(inEnglish(prerequisiteVerdict([ok, readiness(node({ stopped: ["Cisco SIP Proxy"] }))], null))).toEqual({
      met: false,
      text: expect.stringMatching(/fail over to its peer at once/),
    });
  });
});
