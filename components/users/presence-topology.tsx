"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { stateClass } from "@/components/ha/state-display.ts";
import { NoGroupFlag } from "@/components/inventory/no-group-flag.tsx";
import { NodeReachability } from "@/components/ha/node-reachability.tsx";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { TopologyView } from "@/lib/schemas/users.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { useClientCounters } from "@/components/clients/use-counters.ts";

/** Active and inactive client connections per node id. */
type Connections = Map<number, { active: number; inactive: number }>;

type NodeRow = TopologyView["groups"][number]["nodes"][number];

function NodeRows({ nodes, positions, haEnabled, connections }: { nodes: NodeRow[]; positions: boolean; haEnabled: boolean; connections: Connections }) {
  return (
    <>
      {nodes.map((n, i) => (
        <tr key={n.id} data-testid={`topology-node-${n.hostName}`}>
          {positions && <td>Presence Server {i + 1}</td>}
          <td>
            {n.hostName}
            {!n.inGroup && <NoGroupFlag />}
          </td>
          <td data-testid="node-state" className={stateClass(n.state, haEnabled)}>
            {n.state}
            {n.reason && n.state !== "Normal" ? ` (${n.reason})` : ""}
            <NodeReachability unreachable={n.unreachable} />
          </td>
          <td data-testid="users-assigned">{n.users.assigned}</td>
          <td data-testid="users-serving">{n.users.serving}</td>
          <td data-testid="users-active">{n.users.active}</td>
          <td data-testid="connections-active">{connections.get(n.id)?.active ?? "–"}</td>
          <td data-testid="connections-inactive">{connections.get(n.id)?.inactive ?? "–"}</td>
        </tr>
      ))}
    </>
  );
}

const HEAD = (
  <>
    <th>Node</th>
    <th>State</th>
    <th>Assigned Users</th>
    <th>Serving Users</th>
    <th>Active Users</th>
    <th>Active Connections</th>
    <th>Inactive Connections</th>
  </>
);

/** Where the users are: assigned by the Sync Agent, served now, signed in now. */
export function PresenceTopology() {
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
      <PageTitle title="Presence Topology" toolbar={<Link href="/user-management/end-users">End Users</Link>} />
      <Section title="Status">
        {topology.isError ? (
          <p role="alert" className="status-error">{topology.error.message}</p>
        ) : data ? (
          <p data-testid="topology-summary">
            User Assignment Mode for Presence Server: <strong>{data.mode}</strong>. Unassigned users: {data.unassignedUsers}.
          </p>
        ) : (
          <p>Loading…</p>
        )}
        <p className="hint">
          Assigned: users the Sync Agent assigned to the node. Serving: users the node serves now (its own, and its peer&apos;s after a failover).
          Active: serving users signed in now. Active Connections: clients connected to the node now; Inactive Connections: clients
          of the peer&apos;s users holding a dual (standby) connection to it.
        </p>
      </Section>
      {data?.groups.map((g) => (
        <Section key={g.id} title={`${g.name} (High Availability ${g.haEnabled ? "enabled" : "disabled"})`}>
          <TableScroll label={`Users of ${g.name}`}>
            <table className="list" data-testid={`topology-group-${g.name}`}>
              <thead>
                <tr>
                  <th>Presence Server</th>
                  {HEAD}
                </tr>
              </thead>
              <tbody>
                <NodeRows nodes={g.nodes} positions haEnabled={g.haEnabled} connections={connections} />
                <tr>
                  <td colSpan={3}>
                    <strong>Total</strong>
                  </td>
                  <td>{g.users.assigned}</td>
                  <td>{g.users.serving}</td>
                  <td>{g.users.active}</td>
                  <td>{sum(g.nodes.map((n) => n.id), "active")}</td>
                  <td>{sum(g.nodes.map((n) => n.id), "inactive")}</td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
        </Section>
      ))}
      {data && data.ungroupedNodes.length > 0 && (
        <Section title="Nodes in no Presence Redundancy Group">
          <TableScroll label="Nodes in no Presence Redundancy Group">
            <table className="list" data-testid="topology-ungrouped">
              <thead>
                <tr>{HEAD}</tr>
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
