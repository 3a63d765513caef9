import { GroupMachine, type MachineContext } from "./machine.ts";
import { cloneGroup, type GroupSim } from "./model.ts";

/**
 * One input on a group, as the controller and the in-memory lab both run it:
 * heartbeats heard until now count, timers already due fire first (they
 * happened before the input), then the input and everything it makes due.
 * The group given is not changed; the machine holds the result.
 */
export function runStep(sim: GroupSim, ctx: MachineContext, input: (m: GroupMachine) => void): GroupMachine {
  const m = new GroupMachine(cloneGroup(sim), ctx);
  m.observe();
  m.advance();
  input(m);
  m.advance();
  return m;
}

/** Whether a step changed nothing worth persisting. */
export function unchanged(before: GroupSim, m: GroupMachine): boolean {
  return JSON.stringify(m.g) === JSON.stringify(before) && m.moves.length === 0 && m.events.length === 0;
}
