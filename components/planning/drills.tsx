"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLabNow } from "@/components/ha/live.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import type { DrillResultView } from "@/lib/schemas/planning.ts";
import type { DrillEntry } from "@/lib/drills/catalog.ts";

const errorText = (err: unknown, fallback: string) => (err instanceof ApiClientError ? err.message : fallback);

const EXAMPLE = JSON.stringify(
  {
    name: "My drill",
    description: "At +2 min the Cisco SIP Proxy crashes on node 1; at +5 min node 2 loses power.",
    recovery: "",
    steps: [
      { kind: "fault", atSeconds: 120, node: "node1", fault: "service-crash", service: "Cisco SIP Proxy" },
      { kind: "fault", atSeconds: 300, node: "node2", fault: "power-off" },
    ],
    timeLimitSeconds: 1800,
  },
  null,
  2,
);

function DrillResult({ run, status }: { run: DrillResultView; status: HaStatusView }) {
  const host = (id: number | null) => status.nodes.find((n) => n.id === id)?.hostName ?? "";
  return (
    <div data-testid="drill-result">
      <p className={run.goalMet ? "status-ok" : "status-error"} data-testid="drill-verdict">
        {run.name}: {run.status === "passed" ? "goal met" : run.status === "abandoned" ? "abandoned" : "goal not met"}
        {run.timeTakenSeconds !== null && ` in ${Math.round(run.timeTakenSeconds)} lab seconds`}
      </p>
      {run.recovery && (
        <p>
          <strong>Documented recovery:</strong> {run.recovery}
        </p>
      )}
      <TableScroll label="Drill timeline">
        <table className="list">
          <thead>
            <tr>
              <th>Time</th>
              <th>Trainee</th>
              <th>Drill and SRM</th>
            </tr>
          </thead>
          <tbody>
            {run.timeline.map((t, i) => (
              <tr key={i}>
                <td>+{Math.round(t.offsetSeconds)} s</td>
                <td>{t.source === "trainee" ? `${t.actor}: ${t.message}` : ""}</td>
                <td>{t.source !== "trainee" ? `${t.source === "drill" ? "Drill" : t.actor}: ${t.message}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h4>Situations and the recommended action</h4>
      <ul>
        {run.situations.map((s, i) => (
          <li key={i}>
            +{Math.round(s.offsetSeconds)} s: {s.nodes.map((n) => `${host(n.nodeId)} ${n.state}${n.reason ? ` (${n.reason})` : ""}`).join(", ")}
            {s.recommendedAction && ` — row ${s.row}: ${s.recommendedAction}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Drills on this group: start one, follow it with the normal buttons above, read the score; write, import and export drills. */
export function DrillsPanel({ status }: { status: HaStatusView }) {
  const groupId = status.groupId!;
  const queryClient = useQueryClient();
  const { now } = useLabNow();
  const drills = useQuery({ queryKey: ["drills"], queryFn: () => api<{ items: DrillEntry[] }>("/api/drills") });
  const runs = useQuery({
    queryKey: ["ha", "drill-runs", groupId],
    queryFn: () => api<{ items: DrillResultView[] }>(`/api/drill-runs?group=${groupId}`),
    // The score is written just after the change that meets the goal, and the time limit ends a drill with no change at all.
    refetchInterval: (query) => (query.state.data?.items[0]?.status === "running" ? 1000 : false),
  });
  const [chosen, setChosen] = useState("builtin:critical-service-down");
  const [json, setJson] = useState(EXAMPLE);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["ha"] });
    await queryClient.invalidateQueries({ queryKey: ["drills"] });
  };
  const start = useMutation({
    mutationFn: () => api<DrillResultView>(`/api/groups/${groupId}/drill-runs`, { method: "POST", body: { drill: chosen } }),
    onSuccess: (r) => setMessage({ kind: "ok", text: `Drill "${r.name}" started: work with the buttons and the lab panels as in a real incident` }),
    onError: (err) => setMessage({ kind: "error", text: errorText(err, "The drill could not start") }),
    onSettled: refresh,
  });
  const abandon = useMutation({
    mutationFn: (id: number) => api<DrillResultView>(`/api/drill-runs/${id}/abandon`, { method: "POST" }),
    onError: (err) => setMessage({ kind: "error", text: errorText(err, "The drill could not be stopped") }),
    onSettled: refresh,
  });
  const save = useMutation({
    mutationFn: () => {
      let body: unknown;
      try {
        body = JSON.parse(json);
      } catch {
        throw new Error("The drill is not valid JSON");
      }
      return api<DrillEntry>("/api/drills", { method: "POST", body });
    },
    onSuccess: (d) => {
      setChosen(d.key);
      setMessage({ kind: "ok", text: `Drill "${d.scenario.name}" saved` });
    },
    onError: (err) => setMessage({ kind: "error", text: err instanceof Error ? err.message : "The drill could not be saved" }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<DrillEntry>(`/api/drills/${id}`, { method: "DELETE" }),
    onSuccess: () => setChosen("builtin:critical-service-down"),
    onSettled: refresh,
  });

  const selected = drills.data?.items.find((d) => d.key === chosen);
  const latest = runs.data?.items[0];
  const running = latest?.status === "running" ? latest : null;

  return (
    <section aria-labelledby="drills-heading" data-testid="drills">
      <h3 id="drills-heading">Drills</h3>
      {running ? (
        <div data-testid="drill-running">
          <p>
            Drill <strong>{running.name}</strong> running
            {now !== null && ` — ${Math.max(0, Math.ceil((running.deadline - now) / 1000))} lab seconds left`}. Goal: both nodes Normal and
            healthy, every user on its assigned node.
          </p>
          <button type="button" onClick={() => abandon.mutate(running.id)} disabled={abandon.isPending}>
            Abandon drill
          </button>
        </div>
      ) : (
        <div className="inline-form">
          <label>
            Drill{" "}
            <select className="planning-select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {drills.data?.items.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.scenario.name}
                  {d.builtIn ? "" : " (custom)"}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
            Start drill
          </button>{" "}
          {selected && (
            <button type="button" onClick={() => setJson(JSON.stringify(selected.scenario, null, 2))}>
              Export to editor
            </button>
          )}{" "}
          {selected && !selected.builtIn && selected.id !== null && (
            <button type="button" onClick={() => remove.mutate(selected.id!)} disabled={remove.isPending}>
              Delete drill
            </button>
          )}
          {selected && <p className="hint">{selected.scenario.description}</p>}
        </div>
      )}
      <p role="status" aria-atomic="true" className={message ? `status-${message.kind}` : "visually-hidden"} data-testid="drill-message">
        {message?.text}
      </p>
      {latest && latest.status !== "running" && <DrillResult run={latest} status={status} />}
      <details>
        <summary>Write or import a drill (JSON)</summary>
        <label htmlFor="drill-json">Drill scenario</label>
        <textarea id="drill-json" rows={14} cols={80} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
        <div>
          <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
            Save drill
          </button>
        </div>
      </details>
    </section>
  );
}
