"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { NodeDetailView } from "@/lib/schemas/nodes.ts";
import { ServiceStatusTable } from "./service-status-table.tsx";

export function ServerDetail({ id }: { id: string }) {
  const node = useQuery({ queryKey: ["node", id], queryFn: () => api<NodeDetailView>(`/api/nodes/${id}`) });

  return (
    <>
      <PageTitle title="Server Configuration" toolbar={<Link href="/system/server">Back to Find/List</Link>} />
      {node.isError && (
        <Section title="Status">
          <p role="alert" className="status-error">{node.error.message}</p>
        </Section>
      )}
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
        </>
      )}
    </>
  );
}
