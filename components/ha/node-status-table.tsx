"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { api, ApiClientError } from "@/lib/client/api.ts";
import { STATE_KIND, type NodeState } from "@/lib/ha/names.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import { LIVE_KEYS } from "./live.tsx";
import { NodeReachability } from "./node-reachability.tsx";
import { Countdowns } from "./timers.tsx";

type Node = HaStatusView["nodes"][number];
type Action = { action: "failover" | "fallback"; node: number } | { action: "recover" };

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

function nodeCondition(n: Node): string | null {
  if (n.power === "OFF") return "Powered off";
  if (n.power === "BOOTING") return "Rebooting";
  if (n.isolated) return "Network isolated (unreachable)";
  if (!n.srmRunning) return "SRM not running";
  return null;
}

/**
 * The High Availability node status table of the Presence Redundancy Group
 * Configuration window: each node's state and reason, users and timers, and
 * only the buttons the state allows.
 */
export function NodeStatusTable({ status }: { status: HaStatusView }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const run = useMutation({
    mutationFn: (a: Action) => api<HaStatusView>(`/api/groups/${status.groupId}/actions`, { method: "POST", body: a }),
    onSuccess: (_, a) => setMessage({ kind: "ok", text: `${a.action[0]!.toUpperCase()}${a.action.slice(1)} started` }),
    onError: (err) => setMessage({ kind: "error", text: err instanceof ApiClientError ? err.message : "The action failed" }),
    onSettled: async () => {
      for (const key of LIVE_KEYS) await queryClient.invalidateQueries({ queryKey: [...key] });
    },
  });
  const act = (a: Action) => {
    if (window.confirm(confirmText(status, a))) run.mutate(a);
  };
  const allowed = status.allowedActions;

  return (
    <div className="ha-status" data-testid={`ha-status-${status.groupId}`}>
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={`status-${message.kind}`} data-testid="ha-message">
          {message.text}
        </p>
      )}
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
                  <NodeReachability unreachable={n.unreachable} waiting={n.users.waiting} />
                </td>
                <td data-testid="node-state" className={`state-${STATE_KIND[n.state as NodeState] ?? "error"}`}>
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
                  {allowed.failover.includes(n.id) && (
                    <button type="button" onClick={() => act({ action: "failover", node: n.id })} disabled={run.isPending}>
                      Failover
                    </button>
                  )}
                  {allowed.fallback.includes(n.id) && (
                    <button type="button" onClick={() => act({ action: "fallback", node: n.id })} disabled={run.isPending}>
                      Fallback
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {status.groupTimers.length > 0 && <Countdowns timers={status.groupTimers} />}
      {allowed.recover && (
        <button type="button" className="danger" onClick={() => act({ action: "recover" })} disabled={run.isPending}>
          Recover
        </button>
      )}
    </div>
  );
}
