"use client";

import { useQueries } from "@tanstack/react-query";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api } from "@/lib/client/api.ts";
import { prerequisiteVerdict, readiness } from "@/lib/domain/prerequisites.ts";
import type { NodeDetailView } from "@/lib/schemas/nodes.ts";
import { pairProblem } from "./node-options.ts";

export const nodeDetailQuery = (id: number) => ({
  queryKey: ["node", String(id)],
  queryFn: () => api<NodeDetailView>(`/api/nodes/${id}`),
});

/**
 * Shown before High Availability is enabled: database replication and the
 * critical services on both chosen nodes, with the documented warning.
 */
export function HaPrerequisites({ nodeIds }: { nodeIds: number[] }) {
  const nodes = useQueries({ queries: nodeIds.map(nodeDetailQuery) });
  const loaded = nodes.map((q) => q.data).filter((n): n is NodeDetailView => !!n);
  if (nodeIds.length === 0) return <p className="empty">Choose the Presence Servers to see their readiness.</p>;
  const checks = loaded.map((n) => ({ node: n, result: readiness(n) }));
  const [a, b] = loaded;
  const verdict = loaded.length === nodeIds.length ? prerequisiteVerdict(checks.map((c) => c.result), a && b ? pairProblem(a, b) : null) : null;

  return (
    <div data-testid="ha-prerequisites">
      <TableScroll label="High Availability prerequisites">
        <table className="list">
          <thead>
            <tr>
              <th>Node</th>
              <th>Database Replication</th>
              <th>Critical Services</th>
            </tr>
          </thead>
          <tbody>
            {checks.map(({ node, result }) => (
              <tr key={node.id}>
                <td>{node.hostName}</td>
                <td className={result.replicationGood ? "ok" : "bad"}>{result.replicationText}</td>
                <td className={result.stoppedServices.length ? "bad" : "ok"}>
                  {result.stoppedServices.length ? `Not running: ${result.stoppedServices.join(", ")}` : "All running"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {verdict &&
        (verdict.met ? (
          <p className="status-ok">Both prerequisites are met on the chosen nodes.</p>
        ) : (
          <p className="status-warn" role="note">
            Warning: {verdict.text}
          </p>
        ))}
    </div>
  );
}
