"use client";

import { useFormatter, useTranslations } from "next-intl";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { useClientCounters } from "./use-counters.ts";

/**
 * The five JSM counters of each node of a group, as RTMT shows them, with
 * the clients still on their way back and the watchers still seeing stale presence. With X users on the primary and Y on
 * the secondary and dual connections up: X/Y on the primary, Y/X on the secondary.
 */
export function ClientCounters({ groupId, groupName }: { groupId: number; groupName: string }) {
  const t = useTranslations("clients");
  const format = useFormatter();
  const counters = useClientCounters();
  if (counters.isError) return <p className="status-error">{counters.error.message}</p>;
  const nodes = counters.data?.nodes.filter((n) => n.groupId === groupId);
  if (!nodes) return <p>{t("counters.loading")}</p>;
  return (
    <TableScroll label={t("counters.label", { group: groupName })}>
      <table className="list" data-testid={`client-counters-${groupId}`}>
        <caption>{t("counters.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("counters.node")}</th>
            <th scope="col">ActiveJsmSessions</th>
            <th scope="col">InactiveJsmSessions</th>
            <th scope="col">JsmSessionsComposed</th>
            <th scope="col">JsmSessionsClient</th>
            <th scope="col">JsmSessionsClientInactive</th>
            <th scope="col">{t("counters.waitingRelogin")}</th>
            <th scope="col">{t("counters.waitingPush")}</th>
            <th scope="col">{t("counters.stale")}</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.nodeId} data-testid={`client-counters-node-${n.hostName}`}>
              <th scope="row">{n.hostName}</th>
              <td>{format.number(n.ActiveJsmSessions)}</td>
              <td>{format.number(n.InactiveJsmSessions)}</td>
              <td>{format.number(n.JsmSessionsComposed)}</td>
              <td data-testid="jsm-client">{format.number(n.JsmSessionsClient)}</td>
              <td data-testid="jsm-client-inactive">{format.number(n.JsmSessionsClientInactive)}</td>
              <td>{format.number(n.waitingRelogin)}</td>
              <td>{format.number(n.waitingPush)}</td>
              <td data-testid="stale-presence">{format.number(n.stalePresence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
