import type { MessageRef } from "../http/errors.ts";
import { GOOD_REPLICATION_STATE } from "./replication.ts";
import { SERVICES, type ServiceName } from "./services.ts";

export interface NodeReadiness {
  hostName: string;
  replicationState: number;
  services: { name: string; status: "STARTED" | "STOPPED" }[];
}

/**
 * The services that must run on both nodes before High Availability is
 * enabled: the critical ones, the database, and XCP Authentication when its
 * monitoring parameter is on.
 */
export function requiredServices(monitorXcpAuthentication: boolean): ServiceName[] {
  return SERVICES.filter(
    (s) => s.critical === "always" || s.critical === "database" || (s.critical === "when-monitored" && monitorXcpAuthentication),
  ).map((s) => s.name);
}

export interface Readiness {
  replicationGood: boolean;
  /** The node's replication state with its meaning. */
  replication: MessageRef;
  stoppedServices: ServiceName[];
  ready: boolean;
}

/** The documented prerequisites of enabling High Availability, for one node. */
export function readiness(node: NodeReadiness, monitorXcpAuthentication = false): Readiness {
  const required = requiredServices(monitorXcpAuthentication);
  const stopped = required.filter((name) => node.services.find((s) => s.name === name)?.status !== "STARTED");
  const replicationGood = node.replicationState === GOOD_REPLICATION_STATE;
  return {
    replicationGood,
    replication: { key: "prerequisites.replication", values: { state: String(node.replicationState), meaning: { key: `servers.replication.${node.replicationState}` } } },
    stoppedServices: stopped,
    ready: replicationGood && stopped.length === 0,
  };
}

/** The documented consequence of enabling HA with the nodes as they are. */
export function enableHaConsequence(nodes: Readiness[]): MessageRef | null {
  const down = nodes.filter((n) => n.stoppedServices.length > 0).length;
  if (nodes.length === 2 && down === 2) return { key: "prerequisites.bothDown" };
  if (down === 1) return { key: "prerequisites.oneDown" };
  if (nodes.some((n) => !n.replicationGood)) return { key: "prerequisites.replicationNotSetUp" };
  return null;
}

/** What the prerequisites panel concludes for the chosen Presence Servers. */
export type PrerequisiteVerdict = { met: true } | { met: false; text: MessageRef };

/**
 * "Both prerequisites are met" only for two nodes that may form a group
 * (`pairProblem` is the group rule's refusal, if any) and are both ready.
 */
export function prerequisiteVerdict(nodes: Readiness[], pairProblem: MessageRef | null): PrerequisiteVerdict {
  if (nodes.length < 2) return { met: false, text: { key: "prerequisites.needTwo" } };
  if (pairProblem) return { met: false, text: pairProblem };
  const consequence = enableHaConsequence(nodes);
  return consequence ? { met: false, text: consequence } : { met: true };
}
