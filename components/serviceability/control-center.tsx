"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { ServiceStatusTable } from "@/components/servers/service-status-table.tsx";
import { api } from "@/lib/client/api.ts";
import type { Page } from "@/lib/schemas/find-list.ts";
import type { NodeDetailView, NodeView } from "@/lib/schemas/nodes.ts";

export function ControlCenter() {
  const nodes = useQuery({
    queryKey: ["nodes", "all"],
    queryFn: () => api<Page<NodeView>>("/api/nodes?pageSize=250"),
  });
  const [chosen, setChosen] = useState<number | null>(null);
  const nodeId = chosen ?? nodes.data?.items[0]?.id ?? null;
  const services = useQuery({
    queryKey: ["node-services", nodeId],
    queryFn: () => api<{ services: NodeDetailView["services"] }>(`/api/nodes/${nodeId}/services`),
    enabled: nodeId !== null,
  });

  return (
    <>
      <PageTitle title="Control Center - Network Services" />
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
        {services.isError && <p role="alert" className="status-error">{services.error.message}</p>}
        {services.data && <ServiceStatusTable services={services.data.services} />}
      </Section>
    </>
  );
}
