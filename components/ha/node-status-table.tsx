"use client";

import { useCan } from "@/components/shell/role.tsx";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import { LIVE_KEYS } from "./live.tsx";
import { NodeReachability } from "./node-reachability.tsx";
import { isErrorState, isTransitional, recommendedActionKey, stateClass } from "./state-display.ts";
import { useHaLabels } from "./use-ha-labels.ts";
import { Countdowns } from "./timers.tsx";

type Node = HaStatusView["nodes"][number];
type Action = { action: "failover" | "fallback"; node: number } | { action: "recover" };
type Message = { kind: "ok" | "warn" | "error"; text: string };
/** An action the server accepted, followed until the group settles. */
type Pending = { title: string; since: number };

type T = ReturnType<typeof useTranslations<"ha">>;
type Labels = ReturnType<typeof useHaLabels>;

function confirmText(t: T, list: (items: string[]) => string, status: HaStatusView, a: Action): string {
  if (a.action === "recover") return t("confirm.recover", { group: status.groupName, hosts: list(status.nodes.map((n) => n.hostName)) });
  const node = status.nodes.find((n) => n.id === a.node)!;
  const peer = status.nodes.find((n) => n.id !== a.node)!;
  if (a.action === "failover") return t("confirm.failover", { host: node.hostName, users: node.users.serving, peer: peer.hostName });
  return t("confirm.fallback", { host: node.hostName, users: node.users.assigned, peer: peer.hostName });
}

function title(t: T, status: HaStatusView, a: Action): string {
  if (a.action === "recover") return t("title.recover", { group: status.groupName });
  const host = status.nodes.find((n) => n.id === a.node)?.hostName ?? "";
  return a.action === "failover" ? t("title.failover", { host }) : t("title.fallback", { host });
}

function nodeCondition(t: T, n: Node): string | null {
  if (n.power === "OFF") return t("condition.poweredOff");
  if (n.power === "BOOTING") return t("condition.rebooting");
  if (n.isolated) return t("condition.isolated");
  if (!n.srmRunning) return t("condition.srmStopped");
  return null;
}

function describeNodes(t: T, labels: Labels, status: HaStatusView): string {
  return status.nodes
    .map((n) =>
      n.reason
        ? t("nodeDescriptionReason", { host: n.hostName, state: labels.state(n.state), reason: labels.reason(n.reason) })
        : t("nodeDescription", { host: n.hostName, state: labels.state(n.state) }),
    )
    .join(", ");
}

/** What became of an accepted action once the group has settled, or null while it is still under way. */
function outcome(t: T, labels: Labels, status: HaStatusView, pending: Pending): Message | null {
  if (status.labNow < pending.since || status.operation !== null || status.nodes.some((n) => isTransitional(n.state))) return null;
  const nodes = describeNodes(t, labels, status);
  if (status.nodes.some((n) => isErrorState(n.state))) return { kind: "error", text: t("message.failed", { title: pending.title, nodes }) };
  return { kind: "ok", text: t("message.completed", { title: pending.title, nodes }) };
}

/** A polite announcement of each node state change seen on this page. */
function useStateChanges(t: T, labels: Labels, status: HaStatusView): string {
  const seen = useRef<Map<number, string> | null>(null);
  const [text, setText] = useState("");
  useEffect(() => {
    const now = new Map(status.nodes.map((n) => [n.id, `${n.state}|${n.reason}`]));
    const before = seen.current;
    seen.current = now;
    if (!before) return;
    const changed = status.nodes.filter((n) => before.has(n.id) && before.get(n.id) !== now.get(n.id));
    if (changed.length) {
      setText(
        changed
          .map((n) =>
            n.reason
              ? t("announceReason", { host: n.hostName, state: labels.state(n.state), reason: labels.reason(n.reason) })
              : t("announce", { host: n.hostName, state: labels.state(n.state) }),
          )
          .join(". "),
      );
    }
    // The labels follow the page's language, which is fixed for the page's life.
  }, [status]);
  return text;
}

/**
 * The High Availability node status table of the Presence Redundancy Group
 * Configuration window: each node's state and reason, users and timers,
 * only the buttons the state allows, and Table 2's recommended action.
 */
export function NodeStatusTable({ status }: { status: HaStatusView }) {
  const t = useTranslations("ha");
  const labels = useHaLabels();
  const format = useFormatter();
  const may = useCan("ha_actions");
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const changes = useStateChanges(t, labels, status);
  const run = useMutation({
    mutationFn: (a: Action) => api<HaStatusView>(`/api/groups/${status.groupId}/actions`, { method: "POST", body: a }),
    onSuccess: (answer, a) => {
      setMessage({ kind: "warn", text: t("message.started", { title: title(t, status, a) }) });
      setPending({ title: title(t, status, a), since: answer.labNow });
    },
    onError: (err) => {
      setPending(null);
      setMessage({ kind: "error", text: err instanceof ApiClientError ? err.message : t("message.actionFailed") });
    },
    onSettled: async () => {
      for (const key of LIVE_KEYS) await queryClient.invalidateQueries({ queryKey: [...key] });
    },
  });

  useEffect(() => {
    if (!pending) return;
    const settled = outcome(t, labels, status, pending);
    if (!settled) return;
    setMessage(settled);
    setPending(null);
  }, [status, pending]);

  const act = (a: Action) => {
    if (!window.confirm(confirmText(t, (items) => format.list(items, { type: "conjunction" }), status, a))) return;
    setPending(null);
    setMessage({ kind: "warn", text: t("message.requested", { title: title(t, status, a) }) });
    // The button pressed may vanish with the new state: focus goes to the line that reports the outcome.
    statusLine.current?.focus();
    run.mutate(a);
  };
  const allowed = status.allowedActions;
  const advice = recommendedActionKey(status);

  return (
    <div className="ha-status" data-testid={`ha-status-${status.groupId}`}>
      <p
        ref={statusLine}
        tabIndex={-1}
        role="status"
        aria-atomic="true"
        className={message ? `status-${message.kind}` : "visually-hidden"}
        data-testid="ha-message"
      >
        {message?.text}
      </p>
      <p className="visually-hidden" role="status" data-testid="state-announcement">
        {changes}
      </p>
      <TableScroll label={t("table.label", { group: status.groupName })}>
        <table className="list">
          <thead>
            <tr>
              <th>{t("table.node")}</th>
              <th>{t("table.state")}</th>
              <th>{t("table.reason")}</th>
              <th>{t("table.assigned")}</th>
              <th>{t("table.active")}</th>
              <th>{t("table.serving")}</th>
              <th>{t("table.timers")}</th>
              <th>{t("table.action")}</th>
            </tr>
          </thead>
          <tbody>
            {status.nodes.map((n) => {
              const condition = nodeCondition(t, n);
              return (
                <tr key={n.id} data-testid={`node-row-${n.hostName}`}>
                  <td>
                    <Link href={`/system/server/${n.id}`}>{n.hostName}</Link>
                    {condition && <div className="bad">{condition}</div>}
                    <NodeReachability unreachable={n.unreachable} lastHeard={n.peerLastHeard} waiting={n.users.waiting} />
                  </td>
                  <td data-testid="node-state" className={stateClass(n.state, status.haEnabled)}>
                    {labels.state(n.state)}
                  </td>
                  <td data-testid="node-reason">{labels.reason(n.reason)}</td>
                  <td>{format.number(n.users.assigned)}</td>
                  <td>{format.number(n.users.active)}</td>
                  <td data-testid="node-serving">{format.number(n.users.serving)}</td>
                  <td>
                    <Countdowns timers={n.timers} lastPeerHeartbeat={status.haEnabled && n.srmRunning ? n.lastPeerHeartbeat : null} />
                  </td>
                  <td>
                    <div className="ha-actions">
                      {allowed.failover.includes(n.id) && (
                        <button type="button" aria-label={t("aria.failover", { host: n.hostName })} onClick={() => act({ action: "failover", node: n.id })} title={may.why} disabled={!may.allowed || run.isPending}>
                          {t("button.failover")}
                        </button>
                      )}
                      {allowed.fallback.includes(n.id) && (
                        <button type="button" aria-label={t("aria.fallback", { host: n.hostName })} onClick={() => act({ action: "fallback", node: n.id })} title={may.why} disabled={!may.allowed || run.isPending}>
                          {t("button.fallback")}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {status.groupTimers.length > 0 && <Countdowns timers={status.groupTimers} />}
      {advice && (
        <p className="recommended" data-testid="recommended-action">
          <strong>{t("recommended")}</strong> {t(advice)}
        </p>
      )}
      {allowed.recover && (
        <button type="button" className="danger" aria-label={t("aria.recover", { group: status.groupName })} onClick={() => act({ action: "recover" })} title={may.why} disabled={!may.allowed || run.isPending}>
          {t("button.recover")}
        </button>
      )}
    </div>
  );
}
