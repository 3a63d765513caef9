"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api } from "@/lib/client/api.ts";
import type { OutageReportView } from "@/lib/schemas/clients.ts";
import type { Page } from "@/lib/schemas/find-list.ts";

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Until the watchers have all searched again, as far as the chart's points tell. */
function staleFor(report: OutageReportView): number {
  return report.series.find((p) => p.stale === 0)?.t ?? report.series.at(-1)?.t ?? 0;
}

const KIND_LABEL: Record<OutageReportView["kind"], string> = {
  failover: "Failover",
  fallback: "Fallback",
  "auto-recovery": "Automatic recovery",
  move: "User move",
};

/**
 * Clients online, waiting to re-login and waiting for push over lab seconds
 * after the move (stacked: they add up to the clients affected), and apart
 * from them the watchers still seeing stale presence.
 */
function OutageChart({ report }: { report: OutageReportView }) {
  const data = report.series.map((p) => ({ ...p, t: Math.round(p.t / 1000) }));
  const summary =
    `${KIND_LABEL[report.kind]} ${report.fromNode.hostName ?? report.fromNode.id} to ${report.toNode.hostName ?? report.toNode.id}: ` +
    `${report.affected} clients affected, back online within ${seconds(report.maxMs)}` +
    (report.stalePresence > 0 ? `; ${report.stalePresence} watchers saw stale presence for up to ${seconds(staleFor(report))}` : "");
  return (
    <figure className="outage-chart" data-testid="outage-chart">
      <div style={{ width: "100%", height: 260 }} role="img" aria-label={summary}>
        <ResponsiveContainer>
          <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={[0, "dataMax"]} unit=" s" label={{ value: "lab seconds after the move", position: "insideBottom", offset: -8 }} />
            <YAxis allowDecimals={false} />
            <Tooltip labelFormatter={(t) => `${String(t)} s after the move`} />
            <Legend verticalAlign="top" />
            <Area type="stepAfter" dataKey="active" name="Online (active)" stackId="1" stroke="#2e7d32" fill="#81c784" isAnimationActive={false} />
            <Area type="stepAfter" dataKey="relogin" name="Waiting to re-login" stackId="1" stroke="#ef6c00" fill="#ffb74d" isAnimationActive={false} />
            <Area type="stepAfter" dataKey="push" name="Waiting for push" stackId="1" stroke="#6a1b9a" fill="#ba68c8" isAnimationActive={false} />
            <Area type="stepAfter" dataKey="stale" name="Watchers with stale presence" stroke="#1565c0" strokeDasharray="6 3" fill="none" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}

/** The outage report of every failover, fallback and automatic recovery of a group, newest first. */
export function OutageReports({ groupId }: { groupId: number }) {
  const reports = useQuery({
    queryKey: ["clients", "outage-reports", groupId],
    queryFn: () => api<Page<OutageReportView>>(`/api/outage-reports?group=${groupId}&pageSize=25`),
  });
  const [chosen, setChosen] = useState<number | null>(null);
  if (reports.isError) return <p className="status-error">{reports.error.message}</p>;
  if (!reports.data) return <p>Loading outage reports…</p>;
  const items = reports.data.items;
  if (items.length === 0) return <p data-testid="no-outage-reports">No failover, fallback or automatic recovery has moved signed-in users of this group yet.</p>;
  const shown = items.find((r) => r.id === chosen) ?? items[0]!;
  return (
    <>
      <OutageChart report={shown} />
      <TableScroll label="Outage reports">
        <table className="list" data-testid="outage-reports">
          <caption>Outage per client ({reports.data.total} reports, newest first)</caption>
          <thead>
            <tr>
              <th scope="col">Lab time</th>
              <th scope="col">Move</th>
              <th scope="col">Clients affected</th>
              <th scope="col">Dual (activated at once)</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">p99</th>
              <th scope="col">Max</th>
              <th scope="col">Stale presence (watchers)</th>
              <th scope="col">Chart</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} aria-current={r.id === shown.id ? "true" : undefined}>
                <td>{new Date(r.at).toLocaleString()}</td>
                <td>
                  {KIND_LABEL[r.kind]}: {r.fromNode.hostName ?? r.fromNode.id} → {r.toNode.hostName ?? r.toNode.id}
                </td>
                <td data-testid="outage-affected">{r.affected}</td>
                <td>{r.dual}</td>
                <td>{seconds(r.p50Ms)}</td>
                <td>{seconds(r.p95Ms)}</td>
                <td>{seconds(r.p99Ms)}</td>
                <td>{seconds(r.maxMs)}</td>
                <td data-testid="outage-stale">{r.stalePresence}</td>
                <td>
                  <button type="button" onClick={() => setChosen(r.id)} disabled={r.id === shown.id}>
                    {r.id === shown.id ? "Shown" : "Show"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
