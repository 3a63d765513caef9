"use client";

import { useQueries } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api } from "@/lib/client/api.ts";
import { prerequisiteVerdict, readiness } from "@/lib/domain/prerequisites.ts";
import type { NodeDetailView } from "@/lib/schemas/nodes.ts";
import { useMessage } from "@/components/forms/use-message.ts";
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
  const t = useTranslations("groups");
  const message = useMessage();
  const nodes = useQueries({ queries: nodeIds.map(nodeDetailQuery) });
  const loaded = nodes.map((q) => q.data).filter((n): n is NodeDetailView => !!n);
  if (nodeIds.length === 0) return <p className="empty">{t("prerequisites.choose")}</p>;
  const checks = loaded.map((n) => ({ node: n, result: readiness(n) }));
  const [a, b] = loaded;
  const verdict = loaded.length === nodeIds.length ? prerequisiteVerdict(checks.map((c) => c.result), a && b ? pairProblem(a, b) : null) : null;

  return (
    <div data-testid="ha-prerequisites">
      <TableScroll label={t("prerequisites.label")}>
        <table className="list">
          <thead>
            <tr>
              <th>{t("prerequisites.node")}</th>
              <th>{t("prerequisites.replication")}</th>
              <th>{t("prerequisites.services")}</th>
            </tr>
          </thead>
          <tbody>
            {checks.map(({ node, result }) => (
              <tr key={node.id}>
                <td>{node.hostName}</td>
                <td className={result.replicationGood ? "ok" : "bad"}>{message(result.replication)}</td>
                <td className={result.stoppedServices.length ? "bad" : "ok"}>
                  {result.stoppedServices.length ? t("prerequisites.notRunning", { services: result.stoppedServices.join(", ") }) : t("prerequisites.allRunning")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {verdict &&
        (verdict.met ? (
          <p className="status-ok">{t("prerequisites.met")}</p>
        ) : (
          <p className="status-warn" role="note">
            {t("prerequisites.warning", { text: message(verdict.text) })}
          </p>
        ))}
    </div>
  );
}
