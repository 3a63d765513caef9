"use client";

import { useCan } from "@/components/shell/role.tsx";
import { useState } from "react";
import { DB_SERVICE, SERVICE_NAMES, SRM_SERVICE } from "@/lib/domain/services.ts";
import { FAULT_LABELS, FAULTS } from "@/lib/schemas/ha.ts";
import { useNodeHa } from "./use-node-ha.ts";

type Fault = (typeof FAULTS)[number];

/** Which faults make sense for the node as it is now. */
function applicable(fault: Fault, node: NonNullable<ReturnType<typeof useNodeHa>["node"]>): boolean {
  switch (fault) {
    case "power-off":
      return node.power !== "OFF";
    case "power-on":
      return node.power === "OFF";
    case "reboot":
    case "service-crash":
      return node.power === "ON";
    case "isolate-network":
      return !node.isolated;
    case "restore-network":
      return node.isolated;
    case "database-failure":
      return node.power === "ON" && node.services[DB_SERVICE] === "STARTED";
    case "stop-srm":
      return node.power === "ON" && node.services[SRM_SERVICE] === "STARTED";
    case "start-srm":
      return node.power === "ON" && node.services[SRM_SERVICE] !== "STARTED";
    case "service-start-failure":
      return !node.faults.startFailure;
    case "user-move-failure":
      return !node.faults.moveFailure;
  }
}

/**
 * What each destructive fault does, for its confirmation. Faults that only
 * undo one (power on, restore network, start SRM) need none.
 */
function consequence(fault: Fault, host: string, service: string): string | null {
  switch (fault) {
    case "power-off":
      return `Power off ${host}: the node stops at once, as if its power cable were pulled. Its users are disconnected; with High Availability its peer takes them over after the Keep Alive Timeout.`;
    case "reboot":
      return `Reboot ${host}: every service stops and the node boots again. Its users are disconnected; with High Availability its peer takes them over.`;
    case "isolate-network":
      return `Isolate the network of ${host}: the node can neither be reached nor reach its peer. With High Availability its peer takes its users over after the Keep Alive Timeout.`;
    case "service-crash":
      return `Crash ${service} on ${host}: the service stops. A critical service down for the Critical Service Down Delay makes the node fail over to its peer.`;
    case "database-failure":
      return `Fail the database (Cisco DB) on ${host}: with High Availability the node fails over to its peer at once (Database Failure).`;
    case "stop-srm":
      return `Stop the Cisco Server Recovery Manager on ${host}: its peer stops hearing heartbeats and takes its users over after the Keep Alive Timeout.`;
    case "service-start-failure":
      return `Make the critical services of ${host} fail to start until its next reboot: a later fallback or restart on it fails.`;
    case "user-move-failure":
      return `Make the next move of users to or from ${host} fail (a database error): the next failover or fallback ends in Running in Failed Mode.`;
    case "power-on":
    case "restore-network":
    case "start-srm":
      return null;
  }
}

/** Lab fault injection for one node: what a Cisco lab would do with a power cable or a firewall. */
export function LabPanel({ nodeId }: { nodeId: number }) {
  const may = useCan("faults");
  const { node, send, message } = useNodeHa(nodeId);
  const [crash, setCrash] = useState<string>("Cisco Presence Engine");
  if (!node) return <p>Loading…</p>;

  const inject = (fault: Fault) => {
    const warning = consequence(fault, node.hostName, crash);
    if (warning && !window.confirm(`${warning} Continue?`)) return;
    send.mutate({
      path: `/api/nodes/${nodeId}/faults`,
      body: fault === "service-crash" ? { fault, service: crash } : { fault },
      done: `${FAULT_LABELS[fault]} on ${node.hostName}: done`,
    });
  };

  return (
    <div data-testid="lab-panel">
      <p>
        Power <strong data-testid="node-power">{node.power}</strong> · Network{" "}
        <strong>{node.isolated ? "isolated" : "connected"}</strong> · SRM <strong>{node.srmRunning ? "running" : "not running"}</strong>
        {node.faults.startFailure && " · critical services will fail to start"}
        {node.faults.moveFailure && " · next user move will fail"}
      </p>
      <div className="lab-panel">
        {FAULTS.filter((f) => applicable(f, node) && f !== "service-crash").map((f) => (
          <button key={f} type="button" onClick={() => inject(f)} title={may.why} disabled={!may.allowed || send.isPending}>
            {FAULT_LABELS[f]}
          </button>
        ))}
        {applicable("service-crash", node) && (
          <span>
            <select aria-label="Service to crash" value={crash} onChange={(e) => setCrash(e.target.value)}>
              {SERVICE_NAMES.filter((s) => node.services[s] === "STARTED").map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>{" "}
            <button type="button" onClick={() => inject("service-crash")} title={may.why} disabled={!may.allowed || send.isPending}>
              {FAULT_LABELS["service-crash"]}
            </button>
          </span>
        )}
      </div>
      <p role="status" aria-atomic="true" className={message ? `status-${message.kind}` : undefined} data-testid="lab-message">
        {message?.text}
      </p>
    </div>
  );
}
