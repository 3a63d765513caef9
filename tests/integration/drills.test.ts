import { describe, expect, it } from "vitest";
import { BUILTIN_DRILLS } from "@/lib/drills/builtin.ts";
import { scenarioSchema } from "@/lib/drills/scenario.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

/** Each built-in drill is passed by the documented recovery and failed by doing nothing. */
const lab = useHaLab();
const OP = 2 * LAB.stepSeconds + 1;
const SRM = LAB.srmStartSeconds + 1;
const BOOT = LAB.bootSeconds + LAB.srmStartSeconds + 1;
const advance = (seconds: number) => lab.runtime().scheduler.advanceTo(lab.clock.now() + seconds * 1000, (t) => lab.clock.set(t));

/** The documented way back, as the trainee would do it on the pages, once the drill's faults have struck. */
const RECOVERIES: Record<string, { wait: number; recover: (p: Pair) => Promise<void>; row: number }> = {
  "critical-service-down": {
    wait: 200,
    row: 12,
    recover: async (p) => {
      await lab.service(p, "n1", "Cisco Presence Engine", "start");
      await lab.act(p, "fallback", "n1");
      await advance(OP);
    },
  },
  "database-failure": {
    wait: 200,
    row: 13,
    recover: async (p) => {
      await lab.fault(p, "n1", "reboot");
      await advance(BOOT);
      await lab.act(p, "fallback", "n1");
      await advance(OP);
    },
  },
  "failed-take-back": {
    wait: 70,
    row: 14,
    recover: async (p) => {
      await lab.act(p, "recover");
      await advance(SRM);
      await lab.fault(p, "n1", "reboot");
      await advance(BOOT);
      await lab.act(p, "fallback", "n1");
      await advance(OP);
    },
  },
  "peer-down-during-initialization": {
    wait: 200,
    row: 18,
    recover: async (p) => {
      await lab.fault(p, "n1", "power-on");
      await advance(BOOT);
      await lab.act(p, "fallback", "n1");
      await advance(OP);
    },
  },
  "auto-recovery": {
    wait: 260,
    row: 22,
    recover: async (p) => {
      await lab.service(p, "n2", "Cisco DB", "start");
      await lab.act(p, "fallback", "n2");
      await advance(OP);
    },
  },
};

async function result(runId: number) {
  await lab.runtime().drills.settled();
  return lab.runtime().drills.result(runId);
}

describe("built-in drills", () => {
  it("every documented troubleshooting drill has a recovery here", () => {
    expect(BUILTIN_DRILLS.map((d) => d.key).sort()).toEqual(Object.keys(RECOVERIES).sort());
    for (const d of BUILTIN_DRILLS) expect(scenarioSchema.safeParse(d).success).toBe(true);
  });

  for (const drill of BUILTIN_DRILLS) {
    const how = RECOVERIES[drill.key]!;

    it(`${drill.key}: passed by doing the documented recovery`, async () => {
      const p = await lab.pair([4, 3]);
      const started = await lab.runtime().drills.start(p.groupId, drill, "trainer");
      expect(started.status).toBe("running");
      await advance(how.wait);
      expect((await result(started.id)).status).toBe("running");
      await how.recover(p);
      const r = await result(started.id);
      expect(r).toMatchObject({ status: "passed", goalMet: true });
      expect(r.timeTakenSeconds).toBeLessThan(drill.timeLimitSeconds);
      expect(r.endedAt).toBe(r.timeline.filter((t) => t.kind === "state").at(-1)!.at);
      // The trainee's actions and the drill's steps sit beside the SRM's state changes.
      expect(r.timeline.some((t) => t.source === "trainee" && t.actor === "admin")).toBe(true);
      expect(r.timeline.some((t) => t.source === "drill")).toBe(true);
      expect(r.timeline.some((t) => t.kind === "state")).toBe(true);
      const documented = r.situations.find((s) => s.row === how.row);
      expect(documented?.recommendedAction).toBeTruthy();
      await lab.expectUsersHome(p);
      // Passed drills end: nothing of theirs is left to run.
      expect(await lab.runtime().db.scheduledAction.count({ where: { drillRunId: r.id, status: "pending" } })).toBe(0);
    });

    it(`${drill.key}: failed by doing nothing`, async () => {
      const p = await lab.pair([2, 2]);
      const started = await lab.runtime().drills.start(p.groupId, drill, "trainer");
      await advance(drill.timeLimitSeconds + 1);
      const r = await result(started.id);
      expect(r).toMatchObject({ status: "failed", goalMet: false, endedAt: started.deadline });
      expect(r.timeTakenSeconds).toBe(drill.timeLimitSeconds);
    });
  }

  it("refuses a second drill on a group running one, and a group not Normal", async () => {
    const p = await lab.pair([1, 1]);
    const drills = lab.runtime().drills;
    const run = await drills.start(p.groupId, BUILTIN_DRILLS[0]!, "trainer");
    await expect(drills.start(p.groupId, BUILTIN_DRILLS[1]!, "trainer")).rejects.toMatchObject({ code: "conflict" });
    const abandoned = await drills.abandon(run.id, "trainer");
    expect(abandoned.status).toBe("abandoned");
    await expect(drills.abandon(run.id, "trainer")).rejects.toMatchObject({ code: "conflict" });
    await lab.act(p, "failover", "n1");
    await expect(drills.start(p.groupId, BUILTIN_DRILLS[0]!, "trainer")).rejects.toMatchObject({ code: "conflict" });
    // The abandoned drill's fault never strikes.
    await advance(OP + 120);
    expect(lab.controller().groupStatus(p.groupId).nodes[0]!.services["Cisco Presence Engine"]).toBe("STOPPED");
  });
});
