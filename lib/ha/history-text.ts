import { REPLICATION_STATES } from "../domain/replication.ts";
import { reasonTerm, say, stateTerm, type EventText } from "./event-text.ts";
import type { HaAction, NodeState, Reason } from "./names.ts";
import type { OperationKind } from "./model.ts";
import type { ServiceAction } from "./machine.ts";

/** The ha catalogue's words for operations and requested actions, as they appear inside history messages. */
export const OPERATION_WORD: Record<OperationKind | HaAction | "transition", string> = {
  failover: "event.word.failover",
  fallback: "event.word.fallback",
  takeover: "event.word.takeover",
  recover: "event.word.recover",
  transition: "event.word.transition",
};

export const SERVICE_ACTION_WORD: Record<ServiceAction, string> = {
  start: "event.word.start",
  stop: "event.word.stop",
  restart: "event.word.restart",
};

/** A state change: the node's new state, its reason if any, and why the SRM made it if known. */
export function stateChangeText(host: string, state: NodeState, reason: Reason, cause: EventText | null): EventText {
  const values = { host, state: stateTerm(state), ...(reason ? { reason: reasonTerm(reason) } : {}), ...(cause ? { cause } : {}) };
  if (reason && cause) return say("event.stateReasonCause", values);
  if (reason) return say("event.stateReason", values);
  if (cause) return say("event.stateCause", values);
  return say("event.state", values);
}

/** The meaning of a database replication state, from the servers catalogue where the state is known. */
export function replicationTerm(state: number): EventText {
  return state in REPLICATION_STATES ? { ns: "servers", key: `replication.${state}` } : say("event.replicationUnknown", { state: String(state) });
}
