"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { stateClass } from "@/components/ha/state-display.ts";
import { NoGroupFlag } from "@/components/inventory/no-group-flag.tsx";
import { NodeReachability } from "@/components/ha/node-reachability.tsx";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { TopologyView } from "@/lib/schemas/users.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { useClientCounters } from "@/components/clients/use-counters.ts";
import { useHaLabels } from "@/components/ha/use-ha-labels.ts";
import type { AssignmentMode } from "@/lib/users/assignment.ts";

/** Active and inactive client connections per node id. */
type Connections = Map<number, { active: number; inactive: number }>;

type NodeRow = TopologyView["groups"][number]["nodes"][number];

function NodeRows({ nodes, positions, haEnabled, connections }: { nodes: NodeRow[]; positions: boolean; haEnabled: boolean; connections: Connections }) {
  const t = useTranslations("users");
  const format = useFormatter();
  const labels = useHaLabels();
  const count = (n: number | undefined) => (n === undefined ? "–" : format.number(n));
  return (
    <>
      {nodes.map((n, i) => (
        <tr key={n.id} data-testid={`topology-node-${n.hostName}`}>
          {positions && <td>{t("topology.presenceServerN", { n: i + 1 })}</td>}
          <td>
            {n.hostName}
            {!n.inGroup && <NoGroupFlag />}
          </td>
          <td data-testid="node-state" className={stateClass(n.state, haEnabled)}>
            {labels.state(n.state)}
            {n.reason && n.state !== "Normal" ? ` (${labels.reason(n.reason)})` : ""}
            <NodeReachability unreachable={n.unreachable} />
          </td>
          <td data-testid="users-assigned">{format.number(n.users.assigned)}</td>
          <td data-testid="users-serving">{format.number(n.users.serving)}</td>
          <td data-testid="users-active">{format.number(n.users.active)}</td>
          <td data-testid="connections-active">{count(connections.get(n.id)?.active)}</td>
          <td data-testid="connections-inactive">{count(connections.get(n.id)?.inactive)}</td>
        </tr>
      ))}
    </>
  );
}

function Head() {
  const t = useTranslations("users");
  return (
    <>
      <th>{t("topology.node")}</th>
      <th>{t("topology.state")}</th>
      <th>{t("topology.assignedUsers")}</th>
      <th>{t("topology.servingUsers")}</th>
      <th>{t("topology.activeUsers")}</th>
      <th>{t("topology.activeConnections")}</th>
      <th>{t("topology.inactiveConnections")}</th>
    </>
  );
}

/** Where the users are: assigned by the Sync Agent, served now, signed in now. */
export function PresenceTopology() {
  const t = useTranslations("users");
  const format = useFormatter();
  const modes = {
    Balanced: t("topology.mode.balanced"),
    "Active-Standby": t("topology.mode.activeStandby"),
    None: t("topology.mode.none"),
  } satisfies Record<AssignmentMode, string>;
  // Under the "ha" key, so the live updates refresh it on every failover and fallback.
  const topology = useQuery({ queryKey: ["ha", "topology"], queryFn: () => api<TopologyView>("/api/topology") });
  const data = topology.data;
  const counters = useClientCounters();
  const connections: Connections = new Map(
    (counters.data?.nodes ?? []).map((c) => [c.nodeId, { active: c.JsmSessionsClient, inactive: c.JsmSessionsClientInactive }]),
  );
  const sum = (ids: number[], key: "active" | "inactive") => ids.reduce((a, id) => a + (connections.get(id)?.[key] ?? 0), 0);

  return (
    <>
      <PageTitle title={t("title.topology")} toolbar={<Link href="/user-management/end-users">{t("topology.endUsers")}</Link>} />
      <Section title={t("topology.status")}>
        {topology.isError ? (
          <p role="alert" className="status-error">{topology.error.message}</p>
        ) : data ? (
          <p data-testid="topology-summary">
            {t.rich("topology.summary", {
              mode: modes[data.mode],
              count: format.number(data.unassignedUsers),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : (
          <p>{t("topology.loading")}</p>
        )}
        <p className="hint">{t("topology.hint")}</p>
      </Section>
      {data?.groups.map((g) => (
        <Section key={g.id} title={t("topology.group", { name: g.name, enabled: String(g.haEnabled) })}>
          <TableScroll label={t("topology.groupLabel", { name: g.name })}>
            <table className="list" data-testid={`topology-group-${g.name}`}>
              <thead>
                <tr>
                  <th>{t("topology.presenceServer")}</th>
                  <Head />
                </tr>
              </thead>
              <tbody>
                <NodeRows nodes={g.nodes} positions haEnabled={g.haEnabled} connections={connections} />
                <tr>
                  <td colSpan={3}>
                    <strong>{t("topology.total")}</strong>
                  </td>
                  <td>{format.number(g.users.assigned)}</td>
                  <td>{format.number(g.users.serving)}</td>
                  <td>{format.number(g.users.active)}</td>
                  <td>{format.number(sum(g.nodes.map((n) => n.id), "active"))}</td>
                  <td>{format.number(sum(g.nodes.map((n) => n.id), "inactive"))}</td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
        </Section>
      ))}
      {data && data.ungroupedNodes.length > 0 && (
        <Section title={t("topology.ungrouped")}>
          <TableScroll label={t("topology.ungrouped")}>
            <table className="list" data-testid="topology-ungrouped">
              <thead>
                <tr>
                  <Head />
                </tr>
              </thead>
              <tbody>
                <NodeRows nodes={data.ungroupedNodes} positions={false} haEnabled={false} connections={connections} />
              </tbody>
            </table>
          </TableScroll>
        </Section>
      )}
    </>
  );
}
