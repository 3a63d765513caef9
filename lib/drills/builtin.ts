import enPlanning from "../../messages/en/planning.json" with { type: "json" };
import { BUILTIN_DRILL_TEXT } from "./builtin-text.ts";
import type { Scenario } from "./scenario.ts";

/** A built-in drill's English, from the en catalogue that words it for every language. */
function english(key: string, field: "name" | "description" | "recovery"): string {
  const found = BUILTIN_DRILL_TEXT[key]![field].split(".").reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], enPlanning);
  if (typeof found !== "string") throw new Error(`No English for the built-in drill ${key}'s ${field}`);
  return found;
}

/**
 * The documented troubleshooting rows (Table 2 and the chapter's
 * troubleshooting section) as drills. Times suit the default SRM
 * parameters (Critical Service Down Delay 90 s, Initialization Keep Alive
 * Timeout 120 s) and lab durations.
 */
export const BUILTIN_DRILLS: readonly (Scenario & { key: string })[] = [
  {
    key: "critical-service-down",
    name: english("critical-service-down", "name"),
    description: english("critical-service-down", "description"),
    recovery: english("critical-service-down", "recovery"),
    steps: [{ kind: "fault", atSeconds: 60, node: "node1", fault: "service-crash", service: "Cisco Presence Engine" }],
    timeLimitSeconds: 15 * 60,
  },
  {
    key: "database-failure",
    name: english("database-failure", "name"),
    description: english("database-failure", "description"),
    recovery: english("database-failure", "recovery"),
    steps: [{ kind: "fault", atSeconds: 60, node: "node1", fault: "database-failure" }],
    timeLimitSeconds: 15 * 60,
  },
  {
    key: "failed-take-back",
    name: english("failed-take-back", "name"),
    description: english("failed-take-back", "description"),
    recovery: english("failed-take-back", "recovery"),
    steps: [
      { kind: "action", atSeconds: 0, action: "failover", node: "node1" },
      { kind: "fault", atSeconds: 30, node: "node1", fault: "service-start-failure" },
      { kind: "action", atSeconds: 40, action: "fallback", node: "node1" },
    ],
    timeLimitSeconds: 20 * 60,
  },
  {
    key: "peer-down-during-initialization",
    name: english("peer-down-during-initialization", "name"),
    description: english("peer-down-during-initialization", "description"),
    recovery: english("peer-down-during-initialization", "recovery"),
    steps: [
      { kind: "fault", atSeconds: 0, node: "node1", fault: "power-off" },
      { kind: "fault", atSeconds: 0, node: "node2", fault: "power-off" },
      { kind: "fault", atSeconds: 5, node: "node2", fault: "power-on" },
    ],
    timeLimitSeconds: 20 * 60,
  },
  {
    key: "auto-recovery",
    name: english("auto-recovery", "name"),
    description: english("auto-recovery", "description"),
    recovery: english("auto-recovery", "recovery"),
    steps: [
      { kind: "fault", atSeconds: 0, node: "node1", fault: "service-crash", service: "Cisco Presence Engine" },
      { kind: "service", atSeconds: 120, node: "node1", action: "start", service: "Cisco Presence Engine" },
      { kind: "fault", atSeconds: 150, node: "node2", fault: "database-failure" },
    ],
    timeLimitSeconds: 20 * 60,
  },
];
