"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useLabNow } from "@/components/ha/live.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import type { ScheduledActionView } from "@/lib/schemas/planning.ts";
import { renderEventText, type Translate } from "@/lib/ha/event-text.ts";
import { scheduledText } from "@/lib/schedule/describe.ts";

function countdown(t: ReturnType<typeof useTranslations<"planning">>, ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) return t("scheduled.hms", { h: String(h), m: String(m), s: String(s % 60) });
  if (m) return t("scheduled.ms", { m: String(m), s: String(s % 60) });
  return t("scheduled.s", { s: String(s) });
}

/** The message keys of a scheduled action's status. */
const STATUS: Record<ScheduledActionView["status"], string> = {
  pending: "scheduled.status.pending",
  running: "scheduled.status.running",
  done: "scheduled.status.done",
  skipped: "scheduled.status.skipped",
  cancelled: "scheduled.status.cancelled",
};

export function useScheduled(groupId: number) {
  return useQuery({
    // Under "ha" so every change notice of the controller refreshes it.
    queryKey: ["ha", "scheduled", groupId],
    queryFn: () => api<{ labNow: number; items: ScheduledActionView[] }>(`/api/groups/${groupId}/scheduled-actions`),
    // A row's outcome is written just after the change it made (or without any change, when skipped).
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === "pending" || r.status === "running") ? 2000 : false),
  });
}

/** Maintenance windows: Failover, Fallback or Recover at a lab time, with countdowns; cancellable until they run. */
export function ScheduledActions({ status }: { status: HaStatusView }) {
  const t = useTranslations("planning");
  const ha = useTranslations("ha");
  const all = useTranslations() as unknown as Translate;
  const describe = (r: ScheduledActionView) => renderEventText(all, scheduledText(r, r.hostName ?? undefined));
  const format = useFormatter();
  const when = (at: number) => format.dateTime(new Date(at), { dateStyle: "short", timeStyle: "medium" });
  const groupId = status.groupId!;
  const queryClient = useQueryClient();
  const list = useScheduled(groupId);
  const { now } = useLabNow();
  const [action, setAction] = useState<"failover" | "fallback" | "recover">("failover");
  const [node, setNode] = useState<number>(status.nodes[0]?.id ?? 0);
  const [minutes, setMinutes] = useState("60");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["ha", "scheduled", groupId] });

  const add = useMutation({
    mutationFn: () => {
      const at = (now ?? status.labNow) + Math.round(Number(minutes) * 60_000);
      return api<ScheduledActionView>(`/api/groups/${groupId}/scheduled-actions`, {
        method: "POST",
        body: action === "recover" ? { action, at } : { action, node, at },
      });
    },
    onSuccess: (row) => setMessage({ kind: "ok", text: t("scheduled.scheduledAt", { description: describe(row), at: when(row.runAt) }) }),
    onError: (err) => setMessage({ kind: "error", text: err instanceof ApiClientError ? err.message : t("scheduled.failed") }),
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: (id: number) => api<ScheduledActionView>(`/api/scheduled-actions/${id}`, { method: "DELETE" }),
    onSuccess: (row) => setMessage({ kind: "ok", text: t("scheduled.cancelled", { description: describe(row) }) }),
    onError: (err) => setMessage({ kind: "error", text: err instanceof ApiClientError ? err.message : t("scheduled.cancelFailed") }),
    onSettled: refresh,
  });

  return (
    <section aria-labelledby="scheduled-heading" data-testid="scheduled-actions">
      <h3 id="scheduled-heading">{t("scheduled.heading")}</h3>
      <div className="inline-form">
        <label>
          {t("scheduled.action")}{" "}
          <select className="planning-select" value={action} onChange={(e) => setAction(e.target.value as typeof action)}>
            <option value="failover">{ha("button.failover")}</option>
            <option value="fallback">{ha("button.fallback")}</option>
            <option value="recover">{ha("button.recover")}</option>
          </select>
        </label>{" "}
        {action !== "recover" && (
          <label>
            {t("scheduled.node")}{" "}
            <select className="planning-select" value={node} onChange={(e) => setNode(Number(e.target.value))}>
              {status.nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.hostName}
                </option>
              ))}
            </select>
          </label>
        )}{" "}
        <label>
          {t("scheduled.inMinutes")}{" "}
          <input type="number" min="0.1" step="any" value={minutes} onChange={(e) => setMinutes(e.target.value)}
            // The panel sits inside the group's form: Enter schedules here rather than saving the group.
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              add.mutate();
            }}
          />
        </label>{" "}
        <button type="button" onClick={() => add.mutate()} disabled={add.isPending}>
          {t("scheduled.schedule")}
        </button>
      </div>
      <p role="status" aria-atomic="true" className={message ? `status-${message.kind}` : "visually-hidden"}>
        {message?.text}
      </p>
      {list.data && list.data.items.length > 0 && (
        <TableScroll label={t("scheduled.label")}>
          <table className="list">
            <thead>
              <tr>
                <th>{t("scheduled.action")}</th>
                <th>{t("scheduled.labTime")}</th>
                <th>{t("scheduled.statusColumn")}</th>
                <th>{t("scheduled.by")}</th>
                <th>{t("scheduled.cancel")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id} data-testid={`scheduled-${r.id}`}>
                  <td>{describe(r)}</td>
                  <td>
                    {when(r.runAt)}
                    {r.status === "pending" && now !== null && <div className="hint">{t("scheduled.in", { time: countdown(t, r.runAt - now) })}</div>}
                  </td>
                  <td>
                    {t(STATUS[r.status])}
                    {r.outcome && r.status === "skipped" && <div className="bad">{r.outcome}</div>}
                  </td>
                  <td>{r.drillRunId !== null ? t("scheduled.drill", { id: String(r.drillRunId) }) : r.createdBy}</td>
                  <td>
                    {r.status === "pending" && r.drillRunId === null && (
                      <button type="button" aria-label={t("scheduled.cancelOf", { description: describe(r) })} onClick={() => cancel.mutate(r.id)} disabled={cancel.isPending}>
                        {t("scheduled.cancel")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
