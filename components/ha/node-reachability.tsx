import type { UnreachableBecause } from "@/lib/ha/reachability.ts";

/**
 * Beside a node's state: that its peer cannot reach it, why (in the lab), and
 * that the state shown is the one its peer's SRM last knew; its users wait.
 */
export function NodeReachability({ unreachable, waiting }: { unreachable: UnreachableBecause | string | null | undefined; waiting?: number }) {
  if (!unreachable) return null;
  return (
    <div className="bad" data-testid="node-unreachable">
      Unreachable: {unreachable}. State as its peer last knew it
      {waiting ? `; ${waiting} users waiting for the peer` : ""}.
    </div>
  );
}
