"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LabPanel } from "@/components/ha/lab-panel.tsx";
import { useNodeHa } from "@/components/ha/use-node-ha.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import { SERVICE_NAMES, SERVICES, SRM_SERVICE } from "@/lib/domain/services.ts";
import type { Page } from "@/lib/schemas/find-list.ts";
import type { NodeView } from "@/lib/schemas/nodes.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

const ACTIONS = [
  ["start", "Start"],
  ["stop", "Stop"],
  ["restart", "Restart"],
] as const;
type ServiceAction = (typeof ACTIONS)[number][0];

/** What stopping or restarting a service does, for its confirmation; starting needs none. */
function consequence(action: ServiceAction, name: string, host: string): string | null {
  if (action === "start") return null;
  const critical = SERVICES.find((s) => s.name === name)?.critical;
  const effect =
    critical === "always"
      ? "It is a critical service: with High Availability, the node fails over to its peer after the Critical Service Down Delay."
      : critical === "database"
        ? "It is the database: with High Availability, the node fails over to its peer at once."
        : critical === "when-monitored"
          ? "When its monitoring is enabled, the node fails over to its peer after the Critical Service Down Delay."
          : name === SRM_SERVICE
            ? "Its peer stops hearing heartbeats and takes the users over after the Keep Alive Timeout."
            : "";
  const verb = action === "stop" ? `Stop ${name} on ${host}: the service stops until started again.` : `Restart ${name} on ${host}: the service stops, then starts again.`;
  return `${verb} ${effect}`.trim();
}

/** Serviceability > Tools > Control Center - Network Services. */
export function ControlCenter() {
  const may = useCan("services");
  const nodes = useQuery({ queryKey: ["nodes", "all"], queryFn: () => api<Page<NodeView>>("/api/nodes?pageSize=250") });
  const [chosen, setChosen] = useState<number | null>(null);
  const nodeId = chosen ?? nodes.data?.items[0]?.id ?? null;
  const { node, send, message } = useNodeHa(nodeId);

  return (
    <>
      <PageTitle title="Control Center - Network Services" />
      <RoleNotice permission="services" />
      <Section title="Select Server">
        <label>
          Server{" "}
          <select value={nodeId ?? ""} onChange={(e) => setChosen(Number(e.target.value))}>
            {nodes.data?.items.map((n) => (
              <option key={n.id} value={n.id}>
                {n.hostName}
              </option>
            ))}
          </select>
        </label>
      </Section>
      <Section title="IM and Presence Services">
        <p role="status" aria-atomic="true" className={message ? `status-${message.kind}` : undefined} data-testid="service-message">
          {message?.text}
        </p>
        {node && (
          <TableScroll label="IM and Presence Services">
            <table className="list">
              <thead>
                <tr>
                  <th>Service Name</th>
                  <th>Status</th>
                  <th>Action</th>
                </tr>
              </thead>
              <tbody>
                {SERVICE_NAMES.map((name) => {
                  const started = node.services[name] === "STARTED";
                  return (
                    <tr key={name} data-testid={`service-${name}`}>
                      <td>{name}</td>
                      <td className={started ? "ok" : "bad"}>{started ? "Started" : "Stopped"}</td>
                      <td>
                        {ACTIONS.filter(([a]) => (a === "start" ? !started : started)).map(([a, label]) => (
                          <button
                            key={a}
                            type="button"
                            disabled={!may.allowed || send.isPending || node.power !== "ON"}
                            title={may.why}
                            aria-label={`${label} ${name}`}
                            onClick={() => {
                              const warning = consequence(a, name, node.hostName);
                              if (warning && !window.confirm(`${warning} Continue?`)) return;
                              send.mutate({
                                path: `/api/nodes/${node.id}/services/${encodeURIComponent(name)}`,
                                body: { action: a },
                                done: `${label} ${name} on ${node.hostName}: done`,
                              });
                            }}
                          >
                            {label}
                          </button>
                        ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      {nodeId !== null && (
        <Section title="Lab: Faults">
          <LabPanel nodeId={nodeId} />
        </Section>
      )}
    </>
  );
}
