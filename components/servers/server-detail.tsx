"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { StatusLine, type Status } from "@/components/forms/status-line.tsx";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { NodeDetailView } from "@/lib/schemas/nodes.ts";
import { LabPanel } from "@/components/ha/lab-panel.tsx";
import { ServiceStatusTable } from "./service-status-table.tsx";

export function ServerDetail({ id }: { id: string }) {
  const may = useCan("inventory");
  const router = useRouter();
  const queryClient = useQueryClient();
  const node = useQuery({ queryKey: ["node", id], queryFn: () => api<NodeDetailView>(`/api/nodes/${id}`) });
  const [status, setStatus] = useState<Status>(
    useSearchParams().get("status") === "added" ? { kind: "ok", text: "Add successful" } : null,
  );

  async function remove() {
    if (!node.data || !window.confirm(`You are about to permanently delete the server ${node.data.hostName}. Continue?`)) return;
    try {
      await api(`/api/nodes/${id}`, { method: "DELETE" });
      await queryClient.invalidateQueries({ queryKey: ["nodes"] });
      router.push("/system/server");
    } catch (err) {
      if (!(err instanceof ApiClientError)) throw err;
      setStatus({ kind: "error", text: err.message });
    }
  }

  return (
    <>
      <RoleNotice permission="inventory" />
      <PageTitle
        title="Server Configuration"
        toolbar={
          <>
            <button type="button" className="danger" onClick={remove} title={may.why} disabled={!may.allowed || !node.data}>
              Delete
            </button>
            <button type="button" onClick={() => router.push("/system/server/new")} disabled={!may.allowed} title={may.why}>
              Add New
            </button>
            <Link href="/system/server">Back to Find/List</Link>
          </>
        }
      />
      <Section title="Status">
        <StatusLine status={status} />
        {node.isError && (
          <p role="alert" className="status-error">{node.error.message}</p>
        )}
      </Section>
      {node.data && (
        <>
          <Section title="Server Information">
            <dl className="fields">
              <dt>Host Name/IP Address</dt>
              <dd>{node.data.hostName}</dd>
              <dt>Server Type</dt>
              <dd>IM and Presence</dd>
              <dt>Software Version</dt>
              <dd>{node.data.softwareVersion}</dd>
              <dt>Cluster</dt>
              <dd>{node.data.cluster.name}</dd>
              <dt>Database Publisher</dt>
              <dd>{node.data.isPublisher ? "Yes" : "No"}</dd>
              <dt>Database Replication State</dt>
              <dd>
                {node.data.replicationState} ({node.data.replicationMeaning})
              </dd>
              <dt>Presence Redundancy Group</dt>
              <dd>
                {node.data.group ? `${node.data.group.name} (Presence Server ${node.data.group.position})` : "None"}
              </dd>
            </dl>
          </Section>
          <Section title="Services">
            <ServiceStatusTable services={node.data.services} />
          </Section>
          <Section title="Lab: Faults">
            <LabPanel nodeId={node.data.id} />
          </Section>
        </>
      )}
    </>
  );
}
