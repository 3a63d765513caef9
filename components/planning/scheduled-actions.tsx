"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLabNow } from "@/components/ha/live.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import type { ScheduledActionView } from "@/lib/schemas/planning.ts";

function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h ? `${h}h ` : ""}${h || m ? `${m}m ` : ""}${s % 60}s`;
}

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
    onSuccess: (row) => setMessage({ kind: "ok", text: `Scheduled ${row.description} at ${new Date(row.runAt).toLocaleString()}` }),
    onError: (err) => setMessage({ kind: "error", text: err instanceof ApiClientError ? err.message : "Scheduling failed" }),
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: (id: number) => api<ScheduledActionView>(`/api/scheduled-actions/${id}`, { method: "DELETE" }),
    onSuccess: (row) => setMessage({ kind: "ok", text: `Cancelled ${row.description}` }),
    onError: (err) => setMessage({ kind: "error", text: err instanceof ApiClientError ? err.message : "Cancelling failed" }),
    onSettled: refresh,
  });

  return (
    <section aria-labelledby="scheduled-heading" data-testid="scheduled-actions">
      <h3 id="scheduled-heading">Scheduled actions</h3>
      <div className="inline-form">
        <label>
          Action{" "}
          <select className="planning-select" value={action} onChange={(e) => setAction(e.target.value as typeof action)}>
            <option value="failover">Failover</option>
            <option value="fallback">Fallback</option>
            <option value="recover">Recover</option>
          </select>
        </label>{" "}
        {action !== "recover" && (
          <label>
            Node{" "}
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
          In (lab minutes){" "}
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
          Schedule
        </button>
      </div>
      <p role="status" aria-atomic="true" className={message ? `status-${message.kind}` : "visually-hidden"}>
        {message?.text}
      </p>
      {list.data && list.data.items.length > 0 && (
        <TableScroll label="Scheduled actions">
          <table className="list">
            <thead>
              <tr>
                <th>Action</th>
                <th>Lab time</th>
                <th>Status</th>
                <th>By</th>
                <th>Cancel</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id} data-testid={`scheduled-${r.id}`}>
                  <td>{r.description}</td>
                  <td>
                    {new Date(r.runAt).toLocaleString()}
                    {r.status === "pending" && now !== null && <div className="hint">in {countdown(r.runAt - now)}</div>}
                  </td>
                  <td>
                    {r.status}
                    {r.outcome && r.status === "skipped" && <div className="bad">{r.outcome}</div>}
                  </td>
                  <td>{r.drillRunId !== null ? `drill #${r.drillRunId}` : r.createdBy}</td>
                  <td>
                    {r.status === "pending" && r.drillRunId === null && (
                      <button type="button" aria-label={`Cancel ${r.description}`} onClick={() => cancel.mutate(r.id)} disabled={cancel.isPending}>
                        Cancel
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
