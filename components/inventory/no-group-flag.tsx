import { NO_GROUP_WARNING } from "@/lib/domain/groups.ts";

/** Marks a node outside every Presence Redundancy Group, wherever nodes are listed. */
export function NoGroupFlag() {
  return (
    <span className="status-warn" data-testid="no-group-flag">
      {" "}
      {NO_GROUP_WARNING}
    </span>
  );
}
