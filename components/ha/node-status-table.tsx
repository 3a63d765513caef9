"use client";

import { useCan } from "@/components/shell/role.tsx";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import { LIVE_KEYS } from "./live.tsx";
import { NodeReachability } from "./node-reachability.tsx";
import { isErrorState, isTransitional, recommendedAction, stateClass } from "./state-display.ts";
import { Countdowns } from "./timers.tsx";

type Node = HaStatusView["nodes"][number];
type Action = { action: "failover" | "fallback"; node: number } | { action: "recover" };
type Message = { kind: "ok" | "warn" | "error"; text: string };
/** An action the server accepted, followed until the group settles. */
type Pending = { title: string; since: number };

function confirmText(status: HaStatusView, a: Action): string {
  if (a.action === "recover") {
    const names = status.nodes.map((n) => n.hostName).join(" and ");
    return `Recover ${status.groupName}: the Cisco Server Recovery Manager service is restarted on ${names}. Continue?`;
  }
  const node = status.nodes.find((n) => n.id === a.node)!;
  const peer = status.nodes.find((n) => n.id !== a.node)!;
  if (a.action === "failover") {
    return `Failover ${node.hostName}: the Server Recovery Manager stops the critical services on ${node.hostName}. All ${node.users.serving} users on it are disconnected and must sign in to ${peer.hostName}. The services stay stopped until a Fallback. Continue?`;
  }
  const away = node.users.assigned;
  return `Fallback ${node.hostName}: the Server Recovery Manager restarts the critical services on ${node.hostName} and disconnects its ${away} failed-over users from ${peer.hostName}; they sign back in to ${node.hostName}. Continue?`;
}

function title(status: HaStatusView, a: Action): string {
  if (a.action === "recover") return `Recover of ${status.groupName}`;
  const host = status.nodes.find((n) => n.id === a.node)?.hostName ?? "the node";
  return `${a.action === "failover" ? "Failover" : "Fallback"} of ${host}`;
}

function nodeCondition(n: Node): string | null {
  if (n.power === "OFF") return "Powered off";
  if (n.power === "BOOTING") return "Rebooting";
  if (n.isolated) return "Network isolated (unreachable)";
  if (!n.srmRunning) return "SRM not running";
  return null;
}

const describeNodes = (status: HaStatusView) => status.nodes.map((n) => `${n.hostName} ${n.state}${n.reason ? ` (${n.reason})` : ""}`).join(", ");

/** What became of an accepted action once the group has settled, or null while it is still under way. */
function outcome(status: HaStatusView, pending: Pending): Message | null {
  if (status.labNow < pending.since || status.operation !== null || status.nodes.some((n) => isTransitional(n.state))) return null;
  if (status.nodes.some((n) => isErrorState(n.state))) return { kind: "error", text: `${pending.title} failed: ${describeNodes(status)}` };
  return { kind: "ok", text: `${pending.title} completed: ${describeNodes(status)}` };
}

/** A polite announcement of each node state change seen on this page. */
function useStateChanges(status: HaStatusView): string {
  const seen = useRef<Map<number, string> | null>(null);
  const [text, setText] = useState("");
  useEffect(() => {
    const now = new Map(status.nodes.map((n) => [n.id, `${n.state}|${n.reason}`]));
    const before = seen.current;
    seen.current = now;
    if (!before) return;
    const changed = status.nodes.filter((n) => before.has(n.id) && before.get(n.id) !== now.get(n.id));
    if (changed.length) setText(changed.map((n) => `${n.hostName} is now ${n.state}${n.reason ? `, ${n.reason}` : ""}`).join(". "));
  }, [status]);
  return text;
}

/**
 * The High Availability node status table of the Presence Redundancy Group
 * Configuration window: each node's state and reason, users and timers,
 * only the buttons the state allows, and Table 2's recommended action.
 */
export function NodeStatusTable({ status }: { status: HaStatusView }) {
  const may = useCan("ha_actions");
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const changes = useStateChanges(status);
  const run = useMutation({
    mutationFn: (a: Action) => api<HaStatusView>(`/api/groups/${status.groupId}/actions`, { method: "POST", body: a }),
    onSuccess: (answer, a) => {
      setMessage({ kind: "warn", text: `${title(status, a)} started` });
      setPending({ title: title(status, a), since: answer.labNow });
    },
    onError: (err) => {
      setPending(null);
      setMessage({ kind: "error", text: err instanceof ApiClientError ? err.message : "The action failed" });
    },
    onSettled: async () => {
      for (const key of LIVE_KEYS) await queryClient.invalidateQueries({ queryKey: [...key] });
    },
  });

  useEffect(() => {
    if (!pending) return;
    const settled = outcome(status, pending);
    if (!settled) return;
    setMessage(settled);
    setPending(null);
  }, [status, pending]);

  const act = (a: Action) => {
    if (!window.confirm(confirmText(status, a))) return;
    setPending(null);
    setMessage({ kind: "warn", text: `${title(status, a)} requested…` });
    // The button pressed may vanish with the new state: focus goes to the line that reports the outcome.
    statusLine.current?.focus();
    run.mutate(a);
  };
  const allowed = status.allowedActions;
  const advice = recommendedAction(status);

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
      <TableScroll label={`Node status of ${status.groupName}`}>
        <table className="list">
          <thead>
            <tr>
              <th>Node</th>
              <th>State</th>
              <th>Reason</th>
              <th>Assigned Users</th>
              <th>Active Users</th>
              <th>Serving</th>
              <th>Timers</th>
              <th>Action</th>
            </tr>
          </thead>
          <tbody>
            {status.nodes.map((n) => {
              const condition = nodeCondition(n);
              return (
                <tr key={n.id} data-testid={`node-row-${n.hostName}`}>
                  <td>
                    <Link href={`/system/server/${n.id}`}>{n.hostName}</Link>
                    {condition && <div className="bad">{condition}</div>}
                    <NodeReachability unreachable={n.unreachable} lastHeard={n.peerLastHeard} waiting={n.users.waiting} />
                  </td>
                  <td data-testid="node-state" className={stateClass(n.state, status.haEnabled)}>
                    {n.state}
                  </td>
                  <td data-testid="node-reason">{n.reason}</td>
                  <td>{n.users.assigned}</td>
                  <td>{n.users.active}</td>
                  <td data-testid="node-serving">{n.users.serving}</td>
                  <td>
                    <Countdowns timers={n.timers} lastPeerHeartbeat={status.haEnabled && n.srmRunning ? n.lastPeerHeartbeat : null} />
                  </td>
                  <td>
                    <div className="ha-actions">
                      {allowed.failover.includes(n.id) && (
                        <button type="button" aria-label={`Failover ${n.hostName}`} onClick={() => act({ action: "failover", node: n.id })} title={may.why} disabled={!may.allowed || run.isPending}>
                          Failover
                        </button>
                      )}
                      {allowed.fallback.includes(n.id) && (
                        <button type="button" aria-label={`Fallback ${n.hostName}`} onClick={() => act({ action: "fallback", node: n.id })} title={may.why} disabled={!may.allowed || run.isPending}>
                          Fallback
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
          <strong>Recommended action:</strong> {advice}
        </p>
      )}
      {allowed.recover && (
        <button type="button" className="danger" aria-label={`Recover ${status.groupName}`} onClick={() => act({ action: "recover" })} title={may.why} disabled={!may.allowed || run.isPending}>
          Recover
        </button>
      )}
    </div>
  );
}
