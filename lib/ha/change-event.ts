import type { ChangeNotice } from "./controller.ts";

/**
 * What a change touched, so browsers refetch only that:
 * - "all": no one group (leadership taken, groups or parameters saved, lab speed): every live view;
 * - "status": a group's live status only (heartbeat ages, timers), no history row;
 * - "state": a group's states changed and history rows were written;
 * - "users": as "state", and users moved between its nodes.
 */
export type ChangeKind = "all" | "status" | "state" | "users";

/** The SSE `change` event: it names its group and kind. */
export interface ChangeEvent {
  groupId: number | null;
  kind: ChangeKind;
  nodeIds: number[];
  at: number;
}

/**
 * The kind of a notice. A notice relayed by another instance (lib/cluster)
 * has lost its history rows on the way, so it carries the kind its leader computed.
 */
export function changeKind(notice: ChangeNotice & { kind?: ChangeKind }): ChangeKind {
  if (notice.kind) return notice.kind;
  if (notice.groupId === null) return "all";
  if ((notice.userMoves ?? 0) > 0) return "users";
  return (notice.events?.length ?? 0) > 0 ? "state" : "status";
}

export function changeEvent(notice: ChangeNotice & { kind?: ChangeKind }): ChangeEvent {
  return { groupId: notice.groupId, kind: changeKind(notice), nodeIds: notice.nodeIds, at: notice.at };
}
