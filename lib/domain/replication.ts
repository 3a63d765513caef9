/** `utils dbreplication runtimestate` replication setup values. */
export const REPLICATION_STATES = {
  0: "Initialization state: replication has not started",
  1: "Replicates created, but their count is incorrect",
  2: "Replication is good",
  3: "Replication is bad in the cluster",
  4: "Replication setup did not succeed",
} as const;

export type ReplicationState = keyof typeof REPLICATION_STATES;
export const GOOD_REPLICATION_STATE: ReplicationState = 2;

export function replicationMeaning(state: number): string {
  return REPLICATION_STATES[state as ReplicationState] ?? `Unknown replication state ${state}`;
}
