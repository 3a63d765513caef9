"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useLabNow } from "@/components/ha/live.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { useHaLabels } from "@/components/ha/use-ha-labels.ts";
import { useEventText, type StoredMessage } from "@/components/ha/use-event-text.ts";
import { BUILTIN_DRILL_TEXT } from "@/lib/drills/builtin-text.ts";
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

/**
 * A drill's name, description and recovery in the viewer's language: a
 * built-in drill's from the catalogue, a custom drill's as its author wrote them.
 */
function useDrillText(entries: readonly DrillEntry[] | undefined) {
  const t = useTranslations("planning");
  const builtIn = (name: string) => {
    const entry = entries?.find((d) => d.builtIn && d.scenario.name === name);
    return entry ? BUILTIN_DRILL_TEXT[entry.key.slice("builtin:".length)] : undefined;
  };
  return {
    name: (name: string) => {
      const keys = builtIn(name);
      return keys ? t(keys.name) : name;
    },
    description: (d: DrillEntry) => {
      const keys = builtIn(d.scenario.name);
      return keys ? t(keys.description) : d.scenario.description;
    },
    /** The run keeps the scenario it started with, so its name tells a built-in drill. */
    recovery: (run: DrillResultView) => {
      const keys = builtIn(run.name);
      return keys ? t(keys.recovery) : run.recovery;
    },
  };
}

type TimelineRow = DrillResultView["timeline"][number] & StoredMessage;

function DrillResult({ run, status, drillText }: { run: DrillResultView; status: HaStatusView; drillText: ReturnType<typeof useDrillText> }) {
  const t = useTranslations("planning");
  const ha = useTranslations("ha");
  const format = useFormatter();
  const labels = useHaLabels();
  const text = useEventText();
  const timeline = run.timeline as TimelineRow[];
  const host = (id: number | null) => status.nodes.find((n) => n.id === id)?.hostName ?? "";
  const secs = (s: number) => format.number(Math.round(s));
  const verdict = { passed: "drills.verdict.passed", abandoned: "drills.verdict.abandoned", failed: "drills.verdict.failed", running: "drills.verdict.failed" }[run.status];
  return (
    <div data-testid="drill-result">
      <p className={run.goalMet ? "status-ok" : "status-error"} data-testid="drill-verdict">
        {t(verdict, { name: drillText.name(run.name) })}
        {run.timeTakenSeconds !== null && t("drills.inTime", { seconds: secs(run.timeTakenSeconds) })}
      </p>
      {run.recovery && (
        <p>
          <strong>{t("drills.recovery")}</strong> {drillText.recovery(run)}
        </p>
      )}
      <TableScroll label={t("drills.timelineLabel")}>
        <table className="list">
          <thead>
            <tr>
              <th>{t("drills.time")}</th>
              <th>{t("drills.trainee")}</th>
              <th>{t("drills.drillAndSrm")}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((e, i) => (
              <tr key={i}>
                <td>{t("drills.offset", { seconds: secs(e.offsetSeconds) })}</td>
                <td>{e.source === "trainee" ? t("drills.entry", { actor: e.actor, message: text.message(e) }) : ""}</td>
                <td>{e.source !== "trainee" ? t("drills.entry", { actor: e.source === "drill" ? t("drills.drill") : e.actor, message: text.message(e) }) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h4>{t("drills.situations")}</h4>
      <ul>
        {run.situations.map((s, i) => {
          const nodes = s.nodes
            .map((n) =>
              n.reason
                ? t("drills.nodeStateReason", { host: host(n.nodeId), state: labels.state(n.state), reason: labels.reason(n.reason) })
                : t("drills.nodeState", { host: host(n.nodeId), state: labels.state(n.state) }),
            )
            .join(", ");
          const action = s.row !== null && ha.has(`table2.row${s.row}`) ? ha(`table2.row${s.row}`) : s.recommendedAction;
          return (
            <li key={i}>
              {action
                ? t("drills.situationRow", { seconds: secs(s.offsetSeconds), nodes, row: String(s.row), action })
                : t("drills.situation", { seconds: secs(s.offsetSeconds), nodes })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Drills on this group: start one, follow it with the normal buttons above, read the score; write, import and export drills. */
export function DrillsPanel({ status }: { status: HaStatusView }) {
  const t = useTranslations("planning");
  const format = useFormatter();
  const groupId = status.groupId!;
  const queryClient = useQueryClient();
  const { now } = useLabNow();
  const drills = useQuery({ queryKey: ["drills"], queryFn: () => api<{ items: DrillEntry[] }>("/api/drills") });
  const drillText = useDrillText(drills.data?.items);
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
    onSuccess: (r) => setMessage({ kind: "ok", text: t("drills.started", { name: drillText.name(r.name) }) }),
    onError: (err) => setMessage({ kind: "error", text: errorText(err, t("drills.notStarted")) }),
    onSettled: refresh,
  });
  const abandon = useMutation({
    mutationFn: (id: number) => api<DrillResultView>(`/api/drill-runs/${id}/abandon`, { method: "POST" }),
    onError: (err) => setMessage({ kind: "error", text: errorText(err, t("drills.notStopped")) }),
    onSettled: refresh,
  });
  const save = useMutation({
    mutationFn: () => {
      let body: unknown;
      try {
        body = JSON.parse(json);
      } catch {
        throw new Error(t("drills.notJson"));
      }
      return api<DrillEntry>("/api/drills", { method: "POST", body });
    },
    onSuccess: (d) => {
      setChosen(d.key);
      setMessage({ kind: "ok", text: t("drills.saved", { name: d.scenario.name }) });
    },
    onError: (err) => setMessage({ kind: "error", text: err instanceof Error ? err.message : t("drills.notSaved") }),
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
      <h3 id="drills-heading">{t("drills.heading")}</h3>
      {running ? (
        <div data-testid="drill-running">
          <p>
            {t.rich("drills.running", { name: drillText.name(running.name), strong: (chunks) => <strong>{chunks}</strong> })}
            {now !== null && t("drills.left", { seconds: format.number(Math.max(0, Math.ceil((running.deadline - now) / 1000))) })}
            {t("drills.goal")}
          </p>
          <button type="button" onClick={() => abandon.mutate(running.id)} disabled={abandon.isPending}>
            {t("drills.abandon")}
          </button>
        </div>
      ) : (
        <div className="inline-form">
          <label>
            {t("drills.drillLabel")}{" "}
            <select className="planning-select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {drills.data?.items.map((d) => (
                <option key={d.key} value={d.key}>
                  {drillText.name(d.scenario.name)}
                  {d.builtIn ? "" : t("drills.custom")}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
            {t("drills.start")}
          </button>{" "}
          {selected && (
            <button type="button" onClick={() => setJson(JSON.stringify(selected.scenario, null, 2))}>
              {t("drills.export")}
            </button>
          )}{" "}
          {selected && !selected.builtIn && selected.id !== null && (
            <button type="button" onClick={() => remove.mutate(selected.id!)} disabled={remove.isPending}>
              {t("drills.delete")}
            </button>
          )}
          {selected && <p className="hint">{drillText.description(selected)}</p>}
        </div>
      )}
      <p role="status" aria-atomic="true" className={message ? `status-${message.kind}` : "visually-hidden"} data-testid="drill-message">
        {message?.text}
      </p>
      {latest && latest.status !== "running" && <DrillResult run={latest} status={status} drillText={drillText} />}
      <details>
        <summary>{t("drills.write")}</summary>
        <label htmlFor="drill-json">{t("drills.scenario")}</label>
        <textarea id="drill-json" rows={14} cols={80} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
        <div>
          <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
            {t("drills.save")}
          </button>
        </div>
      </details>
    </section>
  );
}
