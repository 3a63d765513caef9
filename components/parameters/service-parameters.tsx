"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { ServiceParametersView } from "@/lib/schemas/parameters.ts";
import { fromDraft, ParameterRow, toDraft, type Draft } from "./parameter-row.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

/** System > Service Parameters, for the Cisco Server Recovery Manager service. */
export function ServiceParameters() {
  const queryClient = useQueryClient();
  const data = useQuery({ queryKey: ["service-parameters"], queryFn: () => api<ServiceParametersView>("/api/service-parameters") });
  const [nodeId, setNodeId] = useState<number | null>(null);
  const [cluster, setCluster] = useState<Draft | null>(null);
  const [nodes, setNodes] = useState<Record<number, Draft>>({});
  const feedback = useFormFeedback();
  const { errors } = feedback;

  useEffect(() => {
    if (!data.data) return;
    setCluster((c) => c ?? toDraft(data.data.cluster));
    setNodeId((id) => id ?? data.data.nodes[0]?.nodeId ?? null);
  }, [data.data]);

  if (!data.data || !cluster) return <p>Loading…</p>;
  const view = data.data;
  const node = view.nodes.find((n) => n.nodeId === nodeId) ?? null;
  const nodeDraft = node ? (nodes[node.nodeId] ?? toDraft(node.parameters)) : null;

  function setDefaults() {
    setCluster(Object.fromEntries(view.cluster.map((p) => [p.key, String(p.default)])));
    if (node) setNodes({ ...nodes, [node.nodeId]: Object.fromEntries(node.parameters.map((p) => [p.key, String(p.default)])) });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    // Only changed values are sent, so a save never overwrites what another admin changed meanwhile.
    const clusterChanges = Object.fromEntries(
      view.cluster.filter((p) => cluster![p.key] !== String(p.value)).map((p) => [p.key, fromDraft(p, cluster![p.key]!)]),
    );
    const nodeChanges = view.nodes
      .filter((n) => nodes[n.nodeId])
      .map((n) => ({
        nodeId: n.nodeId,
        values: Object.fromEntries(
          n.parameters.filter((p) => nodes[n.nodeId]![p.key] !== String(p.value)).map((p) => [p.key, fromDraft(p, nodes[n.nodeId]![p.key]!)]),
        ),
      }))
      .filter((n) => Object.keys(n.values).length > 0);
    try {
      const updated = await api<ServiceParametersView>("/api/service-parameters", {
        method: "PUT",
        body: { cluster: clusterChanges, nodes: nodeChanges },
      });
      queryClient.setQueryData(["service-parameters"], updated);
      setCluster(toDraft(updated.cluster));
      setNodes({});
      feedback.report("ok", "Update successful");
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <form onSubmit={save} noValidate aria-label="Service Parameter Configuration">
      <PageTitle
        title="Service Parameter Configuration"
        toolbar={
          <>
            <button type="submit">Save</button>
            <button type="button" onClick={setDefaults}>
              Set to Default
            </button>
          </>
        }
      />
      <Section title="Status">
        <StatusLine status={feedback.status} />
        {view.warnings.length > 0 && (
          <ul className="status-warn" data-testid="parameter-warnings">
            {view.warnings.map((w) => (
              <li key={w}>Warning: {w}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Select Server and Service">
        <div className="inline-form">
          <label>
            Server*{" "}
            <select value={nodeId ?? ""} onChange={(e) => setNodeId(Number(e.target.value))}>
              {view.nodes.map((n) => (
                <option key={n.nodeId} value={n.nodeId}>
                  {n.hostName}
                  {n.groupName ? ` (${n.groupName})` : ""}
                </option>
              ))}
            </select>
          </label>
          <label>
            Service*{" "}
            <select defaultValue="srm">
              <option value="srm">Cisco Server Recovery Manager (Active)</option>
            </select>
          </label>
        </div>
      </Section>
      <Section title="General Server Recovery Manager Parameters (Parameters that apply to all servers)">
        <ParameterTable>
          {view.cluster.map((p) => (
            <ParameterRow
              key={p.key}
              p={p}
              id={`cluster-${p.key}`}
              value={cluster[p.key] ?? ""}
              error={errors[`cluster.${p.key}`]}
              onChange={(v) => setCluster({ ...cluster, [p.key]: v })}
            />
          ))}
        </ParameterTable>
      </Section>
      {node && nodeDraft && (
        <Section title={`Server Recovery Manager Parameters for ${node.hostName}`}>
          <ParameterTable>
            {node.parameters.map((p) => (
              <ParameterRow
                key={p.key}
                p={p}
                id={`node-${p.key}`}
                value={nodeDraft[p.key] ?? ""}
                error={errors[`nodes.${node.nodeId}.${p.key}`]}
                onChange={(v) => setNodes({ ...nodes, [node.nodeId]: { ...nodeDraft, [p.key]: v } })}
              />
            ))}
          </ParameterTable>
        </Section>
      )}
    </form>
  );
}

function ParameterTable({ children }: { children: ReactNode }) {
  return (
    <TableScroll label={label}>
<table className="list">
      <thead>
        <tr>
          <th>Parameter Name</th>
          <th>Parameter Value</th>
          <th>Default</th>
          <th>Valid Range</th>
          <th />
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
</TableScroll>
  );
}
