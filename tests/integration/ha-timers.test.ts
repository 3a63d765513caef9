import { describe, expect, it } from "vitest";
import { LabClock } from "@/lib/ha/clock.ts";
import { labSettingsSchema } from "@/lib/ha/lab-settings.ts";
import { REASON as R, STATE as S } from "@/lib/ha/names.ts";
import { DEFAULT_CLUSTER_PARAMETERS } from "@/lib/params/definitions.ts";
import { FakeWall } from "./support/fake-wall.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

/**
 * Timers fire at their due lab time at every speed the lab offers (issue 10,
 * earlier report 2): the controller sleeps on the wall clock until the next
 * due lab time, converted at the current speed. A fake wall clock drives the
 * lab clock, so the test measures exactly what a real one only approximates.
 */

const wall = new FakeWall();
const clock = new LabClock(1, Date.UTC(2026, 0, 1), wall.now);
const lab = useHaLab({ clock, wallTimers: wall.timers });
const CSD = DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay;
const KEEPALIVE = DEFAULT_CLUSTER_PARAMETERS.keepAliveTimeout;
const MAX_SPEED = labSettingsSchema.shape.speed.maxValue!;

/** Runs wall wake-ups until node `which` of the pair leaves Normal; answers its state, reason and when it changed. */
async function wakeUntilChanged(p: Pair, which: 0 | 1) {
  for (let i = 0; i < 100; i++) {
    const n = lab.controller().groupStatus(p.groupId).nodes[which]!;
    if (n.state !== S.NORMAL) return n;
    wall.fireNext();
    await lab.controller().exclusive(async () => {});
  }
  throw new Error("the state never changed");
}

describe.each([1, 100, MAX_SPEED])("at %s×", (speed) => {
  it("the Critical Service Down Delay fires at its due lab time, seen within one lab second", async () => {
    await lab.controller().setLabSettings({ speed, ...LAB });
    const p = await lab.pair([2, 2]);
    const crashedAt = clock.now();
    await lab.fault(p, "n1", "service-crash", "Cisco Presence Engine");
    const due = crashedAt + CSD * 1000 + 1;
    const n1 = await wakeUntilChanged(p, 0);
    expect([n1.state, n1.reason]).toEqual([S.FAILING_OVER, R.CRITICAL_SERVICES_DOWN]);
    expect(n1.stateSince).toBe(due);
    expect(clock.now() - due).toBeGreaterThanOrEqual(0);
    expect(clock.now() - due).toBeLessThan(1000);
  });

  it("the Keep Alive Timeout fires at its due lab time, seen within one lab second", async () => {
    await lab.controller().setLabSettings({ speed, ...LAB });
    const p = await lab.pair([2, 2]);
    const heartbeat = Math.ceil(clock.now() / 15_000) * 15_000;
    wall.t += Math.ceil((heartbeat - clock.now()) / speed);
    await lab.fault(p, "n2", "power-off");
    const lastHeard = Math.floor(clock.now() / 15_000) * 15_000;
    const n1 = await wakeUntilChanged(p, 0);
    expect([n1.state, n1.reason]).toEqual([S.TAKING_OVER, R.PEER_REBOOT]);
    expect(n1.stateSince).toBe(lastHeard + KEEPALIVE * 1000 + 1);
    expect(clock.now() - n1.stateSince).toBeLessThan(1000);
  });
});

it("a speed change re-arms the wake-up at the new rate", async () => {
  await lab.controller().setLabSettings({ speed: 1, ...LAB });
  const p = await lab.pair([2, 2]);
  const crashedAt = clock.now();
  await lab.fault(p, "n1", "service-crash", "Cisco Presence Engine");
  wall.t += 10_000; // ten lab seconds at 1×
  await lab.controller().setLabSettings({ speed: 100, ...LAB });
  const n1 = await wakeUntilChanged(p, 0);
  expect(n1.stateSince).toBe(crashedAt + CSD * 1000 + 1);
  expect(clock.now() - n1.stateSince).toBeLessThan(1000);
  await lab.controller().setLabSettings({ speed: 1, ...LAB });
});
