import type { UnreachableBecause } from "@/lib/ha/reachability.ts";

/**
 * Beside a node's state: that its peer cannot reach it, why (in the lab), and
 * the state its peer's SRM last heard from it; its users wait.
 */
export function NodeReachability({
  unreachable,
  lastHeard,
  waiting,
}: {
  unreachable: UnreachableBecause | string | null | undefined;
  lastHeard?: { state: string; reason: string } | null;
  waiting?: number;
}) {
  if (!unreachable) return null;
  return (
    <div className="bad" data-testid="node-unreachable">
      Unreachable: {unreachable}.
      {lastHeard ? ` Its peer last heard it as ${lastHeard.state}${lastHeard.reason ? ` / ${lastHeard.reason}` : ""}` : " Its peer has not heard it"}
      {waiting ? `; ${waiting} users waiting for the peer` : ""}.
    </div>
  );
}
