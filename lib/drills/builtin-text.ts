/**
 * The planning catalogue's messages of each built-in drill, by its key: the
 * drills take their English from them (builtin.ts) and pages their language.
 */
export const BUILTIN_DRILL_TEXT: Record<string, { name: string; description: string; recovery: string }> = {
  "critical-service-down": {
    name: "drills.builtin.criticalServiceDown.name",
    description: "drills.builtin.criticalServiceDown.description",
    recovery: "drills.builtin.criticalServiceDown.recovery",
  },
  "database-failure": {
    name: "drills.builtin.databaseFailure.name",
    description: "drills.builtin.databaseFailure.description",
    recovery: "drills.builtin.databaseFailure.recovery",
  },
  "failed-take-back": {
    name: "drills.builtin.failedTakeBack.name",
    description: "drills.builtin.failedTakeBack.description",
    recovery: "drills.builtin.failedTakeBack.recovery",
  },
  "peer-down-during-initialization": {
    name: "drills.builtin.peerDownDuringInitialization.name",
    description: "drills.builtin.peerDownDuringInitialization.description",
    recovery: "drills.builtin.peerDownDuringInitialization.recovery",
  },
  "auto-recovery": {
    name: "drills.builtin.autoRecovery.name",
    description: "drills.builtin.autoRecovery.description",
    recovery: "drills.builtin.autoRecovery.recovery",
  },
};
