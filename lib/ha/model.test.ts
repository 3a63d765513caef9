import { describe, expect, it } from "vitest";
import { MemoryLab } from "./lab/memory-lab.ts";
import { cloneGroup } from "./model.ts";

/** Every object and array reachable from a value. */
function objectsIn(value: unknown, out = new Set<object>()): Set<object> {
  if (value === null || typeof value !== "object" || out.has(value)) return out;
  out.add(value);
  for (const v of Object.values(value)) objectsIn(v, out);
  return out;
}

describe("cloneGroup", () => {
  it("copies a group in the middle of an operation whole, sharing nothing the machine could change", () => {
    const lab = new MemoryLab();
    lab.advance(60);
    lab.act("failover", 1);
    lab.fault(2, "service-crash", "Cisco Presence Engine");
    expect(lab.sim.op).not.toBeNull();
    const copy = cloneGroup(lab.sim);
    expect(copy).toStrictEqual(lab.sim);
    const shared = [...objectsIn(copy)].filter((o) => objectsIn(lab.sim).has(o));
    expect(shared).toEqual([]);
    copy.nodes[0]!.services["Cisco Presence Engine"] = "STOPPED";
    copy.nodes[1]!.peerView.shutdownNotice = !copy.nodes[1]!.peerView.shutdownNotice;
    copy.op!.step++;
    expect(lab.sim).not.toStrictEqual(copy);
  });
});
