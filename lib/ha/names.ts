/**
 * The node states and reasons of the Server Recovery Manager, spelled as the
 * product's Presence Redundancy Group Configuration window shows them (Table 1
 * and Table 2 of the source documents). Every other module uses these names.
 */
export const STATE = {
  INITIALIZING: "Initializing",
  IDLE: "Idle",
  NORMAL: "Normal",
  BACKUP: "Running in Backup Mode",
  TAKING_OVER: "Taking Over",
  FAILING_OVER: "Failing Over",
  FAILED_OVER: "Failed Over",
  FAILED_OVER_CSNR: "Failed Over with Critical Services Not Running",
  FALLING_BACK: "Falling Back",
  TAKING_BACK: "Taking Back",
  FAILED_MODE: "Running in Failed Mode",
  UNKNOWN: "Unknown",
  BACKUP_ACTIVATED: "Backup Activated",
  FAILOVER_AFFECTED: "Failover Affected Services",
} as const;
export type NodeState = (typeof STATE)[keyof typeof STATE];

export const REASON = {
  NONE: "",
  NORMAL: "Normal",
  ADMIN: "On Admin Request",
  INITIALIZATION: "Initialization",
  AUTO_FALLBACK: "Automatic Fallback",
  CRITICAL_SERVICES_DOWN: "Critical Services Down",
  DATABASE_FAILURE: "Database Failure",
  START_FAILED: "Start of Critical Services Failed",
  PEER_DOWN: "Peer Down",
  PEER_REBOOT: "Peer Reboot",
  PEER_DOWN_INIT: "Peer Down During Initialization",
  TAKE_OVER_FAILED: "Cisco Server Recovery Manager Take Over Users Failed",
  TAKE_BACK_FAILED: "Cisco Server Recovery Manager Take Back Users Failed",
  UNKNOWN: "Unknown",
  HA_NOT_ENABLED: "High Availability Not Enabled",
  AUTO_RECOVER_DB: "Auto Recover Database Failure",
  AUTO_RECOVER_CSD: "Auto Recover Critical Service Down",
} as const;
export type Reason = (typeof REASON)[keyof typeof REASON];

export type StateKind = "stable" | "transitional" | "error" | "auto-recovery";

/** Table 1's classification of each state. */
export const STATE_KIND: Record<NodeState, StateKind> = {
  [STATE.INITIALIZING]: "transitional",
  [STATE.IDLE]: "stable",
  [STATE.NORMAL]: "stable",
  [STATE.BACKUP]: "stable",
  [STATE.TAKING_OVER]: "transitional",
  [STATE.FAILING_OVER]: "transitional",
  [STATE.FAILED_OVER]: "stable",
  [STATE.FAILED_OVER_CSNR]: "stable",
  [STATE.FALLING_BACK]: "transitional",
  [STATE.TAKING_BACK]: "transitional",
  [STATE.FAILED_MODE]: "error",
  [STATE.UNKNOWN]: "error",
  [STATE.BACKUP_ACTIVATED]: "auto-recovery",
  [STATE.FAILOVER_AFFECTED]: "auto-recovery",
};

/** The states of a node taking part in an operation that moves users. */
export const OPERATION_STATES: readonly NodeState[] = [STATE.FAILING_OVER, STATE.TAKING_OVER, STATE.TAKING_BACK, STATE.FALLING_BACK];

export const ACTIONS = ["failover", "fallback", "recover"] as const;
export type HaAction = (typeof ACTIONS)[number];
