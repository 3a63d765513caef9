"use client";

import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { useClientCounters } from "./use-counters.ts";

/**
 * The five JSM counters of each node of a group, as RTMT shows them, with
 * the clients still on their way back and the watchers still seeing stale presence. With X users on the primary and Y on
 * the secondary and dual connections up: X/Y on the primary, Y/X on the secondary.
 */
export function ClientCounters({ groupId, groupName }: { groupId: number; groupName: string }) {
  const counters = useClientCounters();
  if (counters.isError) return <p className="status-error">{counters.error.message}</p>;
  const nodes = counters.data?.nodes.filter((n) => n.groupId === groupId);
  if (!nodes) return <p>Loading counters…</p>;
  return (
    <TableScroll label={`Client sessions of ${groupName}`}>
      <table className="list" data-testid={`client-counters-${groupId}`}>
        <caption>Client sessions (JSM counters)</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">ActiveJsmSessions</th>
            <th scope="col">InactiveJsmSessions</th>
            <th scope="col">JsmSessionsComposed</th>
            <th scope="col">JsmSessionsClient</th>
            <th scope="col">JsmSessionsClientInactive</th>
            <th scope="col">Waiting to re-login</th>
            <th scope="col">Waiting for push</th>
            <th scope="col">Stale presence (watchers)</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.nodeId} data-testid={`client-counters-node-${n.hostName}`}>
              <th scope="row">{n.hostName}</th>
              <td>{n.ActiveJsmSessions}</td>
              <td>{n.InactiveJsmSessions}</td>
              <td>{n.JsmSessionsComposed}</td>
              <td data-testid="jsm-client">{n.JsmSessionsClient}</td>
              <td data-testid="jsm-client-inactive">{n.JsmSessionsClientInactive}</td>
              <td>{n.waitingRelogin}</td>
              <td>{n.waitingPush}</td>
              <td data-testid="stale-presence">{n.stalePresence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
