import type { Scenario } from "./scenario.ts";

/**
 * The documented troubleshooting rows (Table 2 and the chapter's
 * troubleshooting section) as drills. Times suit the default SRM
 * parameters (Critical Service Down Delay 90 s, Initialization Keep Alive
 * Timeout 120 s) and lab durations.
 */
export const BUILTIN_DRILLS: readonly (Scenario & { key: string })[] = [
  {
    key: "critical-service-down",
    name: "Critical service down, then Fallback",
    description: "One minute in, the Cisco Presence Engine crashes on node 1. The SRM fails node 1 over after the Critical Service Down Delay (row 12).",
    recovery: "Start the stopped critical service on node 1 (Control Center), then click Fallback on node 1.",
    steps: [{ kind: "fault", atSeconds: 60, node: "node1", fault: "service-crash", service: "Cisco Presence Engine" }],
    timeLimitSeconds: 15 * 60,
  },
  {
    key: "database-failure",
    name: "Database failure, then reboot and Fallback",
    description: "One minute in, the database fails on node 1; the SRM fails it over (row 13).",
    recovery: "Reboot node 1, wait until it is Failed Over, then click Fallback on node 1.",
    steps: [{ kind: "fault", atSeconds: 60, node: "node1", fault: "database-failure" }],
    timeLimitSeconds: 15 * 60,
  },
  {
    key: "failed-take-back",
    name: "Failed take-back, then Recover",
    description:
      "Node 1 is failed over for maintenance; its critical services then fail to start, and the fallback at +40 s fails: both nodes Running in Failed Mode (row 14).",
    recovery: "Click Recover, reboot node 1, then click Fallback on node 1.",
    steps: [
      { kind: "action", atSeconds: 0, action: "failover", node: "node1" },
      { kind: "fault", atSeconds: 30, node: "node1", fault: "service-start-failure" },
      { kind: "action", atSeconds: 40, action: "fallback", node: "node1" },
    ],
    timeLimitSeconds: 20 * 60,
  },
  {
    key: "peer-down-during-initialization",
    name: "Peer down during initialization",
    description:
      "Both nodes lose power; node 2 comes back alone and, not hearing node 1 within the Initialization Keep Alive Timeout, takes every user (row 18).",
    recovery: "Power node 1 on, wait until it is Failed Over, then click Fallback on node 1.",
    steps: [
      { kind: "fault", atSeconds: 0, node: "node1", fault: "power-off" },
      { kind: "fault", atSeconds: 0, node: "node2", fault: "power-off" },
      { kind: "fault", atSeconds: 5, node: "node2", fault: "power-on" },
    ],
    timeLimitSeconds: 20 * 60,
  },
  {
    key: "auto-recovery",
    name: "Automatic recovery (Backup Activated / Failover Affected Services)",
    description:
      "Node 1 fails over on a critical service, its service comes back, then the database fails on node 2, the backup: automatic recovery moves every user to node 1 (row 22).",
    recovery: "Start Cisco DB on node 2, then click Fallback on node 2.",
    steps: [
      { kind: "fault", atSeconds: 0, node: "node1", fault: "service-crash", service: "Cisco Presence Engine" },
      { kind: "service", atSeconds: 120, node: "node1", action: "start", service: "Cisco Presence Engine" },
      { kind: "fault", atSeconds: 150, node: "node2", fault: "database-failure" },
    ],
    timeLimitSeconds: 20 * 60,
  },
];
