import fc from "fast-check";
import { expect, it } from "vitest";
import { MemoryLab } from "@/lib/ha/lab/memory-lab.ts";
import { applyStep, describeStep, sequenceArb, type Step } from "@/lib/ha/lab/property.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

/**
 * The property test's sequences through the real controller and database:
 * after every step the persisted pair and where the users are served agree
 * with the in-memory lab, on which lib/ha/lab/property.test.ts checks the
 * invariants over many more sequences.
 */
const lab = useHaLab();

async function applyToController(p: Pair, s: Step): Promise<boolean> {
  const node = s.kind === "wait" ? "n1" : s.node === 1 ? "n1" : "n2";
  try {
    switch (s.kind) {
      case "action":
        await lab.act(p, s.action, s.action === "recover" ? undefined : node);
        return true;
      case "fault":
        await lab.fault(p, node, s.fault, s.fault === "service-crash" ? "Cisco Presence Engine" : s.service);
        return true;
      case "service":
        await lab.service(p, node, s.service, s.action);
        return true;
      case "wait":
        await lab.advance(s.seconds);
        return true;
    }
  } catch (err) {
    if ((err as { code?: string }).code === "conflict") return false;
    throw err;
  }
}

it("the controller on the database follows the same sequences as the in-memory lab", async () => {
  await fc.assert(
    fc.asyncProperty(sequenceArb, async (steps) => {
      await lab.alignToHeartbeat();
      const p = await lab.pair([3, 2]);
      const memory = new MemoryLab({ users: [3, 2], lab: { speed: 1, ...LAB } });
      const done: string[] = [];
      for (const s of steps) {
        const accepted = await applyToController(p, s);
        done.push(describeStep(s));
        expect(accepted, done.join(" → ")).toBe(applyStep(memory, s));
        const want = memory.sim.nodes.map((n) => [n.state, n.reason]);
        expect(await lab.states(p), done.join(" → ")).toEqual(want);
        const served = (id: number) => memory.users.filter((u) => u.serving === id).length;
        expect(await lab.served(p), done.join(" → ")).toEqual([served(1), served(2), 0]);
      }
    }),
    { numRuns: 12, seed: 20260102, endOnFailure: true },
  );
}, 240_000);
