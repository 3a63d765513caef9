"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api } from "@/lib/client/api.ts";
import type { OutageReportView } from "@/lib/schemas/clients.ts";
import type { Page } from "@/lib/schemas/find-list.ts";

type T = ReturnType<typeof useTranslations<"clients">>;
type Format = ReturnType<typeof useFormatter>;

/** Milliseconds as seconds with one decimal, in the page's language. */
const seconds = (t: T, format: Format, ms: number) => t("outage.seconds", { value: format.number(Math.round(ms / 100) / 10) });

/** Until the watchers have all searched again, as far as the chart's points tell. */
function staleFor(report: OutageReportView): number {
  return report.series.find((p) => p.stale === 0)?.t ?? report.series.at(-1)?.t ?? 0;
}

/** The message keys of the kinds of move. */
const KIND_LABEL: Record<OutageReportView["kind"], string> = {
  failover: "outage.kind.failover",
  fallback: "outage.kind.fallback",
  "auto-recovery": "outage.kind.autoRecovery",
  move: "outage.kind.move",
};

/**
 * Clients online, waiting to re-login and waiting for push over lab seconds
 * after the move (stacked: they add up to the clients affected), and apart
 * from them the watchers still seeing stale presence.
 */
function OutageChart({ report }: { report: OutageReportView }) {
  const t = useTranslations("clients");
  const format = useFormatter();
  const data = report.series.map((p) => ({ ...p, t: Math.round(p.t / 1000) }));
  const words = {
    kind: t(KIND_LABEL[report.kind]),
    from: report.fromNode.hostName ?? String(report.fromNode.id),
    to: report.toNode.hostName ?? String(report.toNode.id),
    affected: format.number(report.affected),
    max: seconds(t, format, report.maxMs),
  };
  const summary =
    report.stalePresence > 0
      ? t("outage.summaryStale", { ...words, watchers: format.number(report.stalePresence), stale: seconds(t, format, staleFor(report)) })
      : t("outage.summary", words);
  return (
    <figure className="outage-chart" data-testid="outage-chart">
      <div style={{ width: "100%", height: 260 }} role="img" aria-label={summary}>
        <ResponsiveContainer>
          <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={[0, "dataMax"]} unit=" s" label={{ value: t("outage.xAxis"), position: "insideBottom", offset: -8 }} />
            <YAxis allowDecimals={false} />
            <Tooltip labelFormatter={(at) => t("outage.tooltip", { t: String(at) })} />
            <Legend verticalAlign="top" />
            <Area type="stepAfter" dataKey="active" name={t("outage.online")} stackId="1" stroke="#2e7d32" fill="#81c784" isAnimationActive={false} />
            <Area type="stepAfter" dataKey="relogin" name={t("outage.relogin")} stackId="1" stroke="#ef6c00" fill="#ffb74d" isAnimationActive={false} />
            <Area type="stepAfter" dataKey="push" name={t("outage.push")} stackId="1" stroke="#6a1b9a" fill="#ba68c8" isAnimationActive={false} />
            <Area type="stepAfter" dataKey="stale" name={t("outage.staleSeries")} stroke="#1565c0" strokeDasharray="6 3" fill="none" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}

/** The outage report of every failover, fallback and automatic recovery of a group, newest first. */
export function OutageReports({ groupId }: { groupId: number }) {
  const t = useTranslations("clients");
  const format = useFormatter();
  const reports = useQuery({
    queryKey: ["clients", "outage-reports", groupId],
    queryFn: () => api<Page<OutageReportView>>(`/api/outage-reports?group=${groupId}&pageSize=25`),
  });
  const [chosen, setChosen] = useState<number | null>(null);
  if (reports.isError) return <p className="status-error">{reports.error.message}</p>;
  if (!reports.data) return <p>{t("outage.loading")}</p>;
  const items = reports.data.items;
  if (items.length === 0) return <p data-testid="no-outage-reports">{t("outage.none")}</p>;
  const shown = items.find((r) => r.id === chosen) ?? items[0]!;
  return (
    <>
      <OutageChart report={shown} />
      <TableScroll label={t("outage.label")}>
        <table className="list" data-testid="outage-reports">
          <caption>{t("outage.caption", { count: reports.data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("outage.labTime")}</th>
              <th scope="col">{t("outage.move")}</th>
              <th scope="col">{t("outage.affected")}</th>
              <th scope="col">{t("outage.dual")}</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">p99</th>
              <th scope="col">{t("outage.max")}</th>
              <th scope="col">{t("outage.stale")}</th>
              <th scope="col">{t("outage.chart")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} aria-current={r.id === shown.id ? "true" : undefined}>
                <td>{format.dateTime(new Date(r.at), { dateStyle: "short", timeStyle: "medium" })}</td>
                <td>
                  {t("outage.moveValue", {
                    kind: t(KIND_LABEL[r.kind]),
                    from: r.fromNode.hostName ?? String(r.fromNode.id),
                    to: r.toNode.hostName ?? String(r.toNode.id),
                  })}
                </td>
                <td data-testid="outage-affected">{format.number(r.affected)}</td>
                <td>{format.number(r.dual)}</td>
                <td>{seconds(t, format, r.p50Ms)}</td>
                <td>{seconds(t, format, r.p95Ms)}</td>
                <td>{seconds(t, format, r.p99Ms)}</td>
                <td>{seconds(t, format, r.maxMs)}</td>
                <td data-testid="outage-stale">{format.number(r.stalePresence)}</td>
                <td>
                  <button type="button" onClick={() => setChosen(r.id)} disabled={r.id === shown.id}>
                    {r.id === shown.id ? t("outage.shown") : t("outage.show")}
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
