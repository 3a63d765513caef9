import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newFigures, runSequence, sequenceArb } from "./property.ts";

/**
 * Issue 10's invariants over random sequences of every action and fault, on
 * the in-memory lab (the SRM state machine without the database; the
 * controller-backed run is tests/integration/ha-property.test.ts). Bounded
 * here; `npm run prop:srm` runs as many as asked.
 */
describe("the SRM in any combination of actions and faults", () => {
  it("keeps every settled pair documented, never two backups, ends every transition, and returns to Normal without a reboot", () => {
    const figures = newFigures();
    fc.assert(fc.property(sequenceArb, (steps) => runSequence(steps, figures)), { numRuns: 300, seed: 20260101 });
    expect(figures.sequences).toBe(300);
  });
});
