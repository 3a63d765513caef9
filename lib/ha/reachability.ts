import { SERVICES, SRM_SERVICE } from "../domain/services.ts";

/** Why, in the lab, a node's Server Recovery Manager cannot be reached by its peer. */
export type UnreachableBecause = "powered off" | "booting" | "network isolated" | "SRM stopped";

interface NodeFacts {
  power: string;
  isolated: boolean;
  services: Record<string, string>;
}

/** The services without which a node serves no user, whatever the monitoring parameters say. */
const SERVING_SERVICES = SERVICES.filter((s) => s.critical === "always" || s.critical === "database").map((s) => s.name);

/** Null when the node's SRM can be heard; otherwise the first reason it cannot, in the order an administrator checks. */
export function unreachableBecause(n: NodeFacts): UnreachableBecause | null {
  if (n.power === "OFF") return "powered off";
  if (n.power === "BOOTING") return "booting";
  if (n.isolated) return "network isolated";
  if (n.services[SRM_SERVICE] !== "STARTED") return "SRM stopped";
  return null;
}

/**
 * A user is served, and can be signed in, only on a node that is up,
 * reachable and running the services that serve users; users whose serving
 * node is not are waiting for the peer to take them.
 */
export function canServeUsers(n: NodeFacts): boolean {
  return n.power === "ON" && !n.isolated && SERVING_SERVICES.every((s) => n.services[s] === "STARTED");
}
