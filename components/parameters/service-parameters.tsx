"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api } from "@/lib/client/api.ts";
import { useMessage } from "@/components/forms/use-message.ts";
import { fieldRules, type MessageRef } from "@/lib/http/errors.ts";
import { clusterParametersSchema, nodeParametersSchema, type ServiceParametersPatch } from "@/lib/params/validation.ts";
import type { ParameterView, ServiceParametersView } from "@/lib/schemas/parameters.ts";
import { fromDraft, ParameterRow, shown, toDraft, useParameterName, type Draft } from "./parameter-row.tsx";

type NodeView = ServiceParametersView["nodes"][number];

const valuesOf = (params: ParameterView[], draft: Draft) => Object.fromEntries(params.map((p) => [p.key, fromDraft(p, draft[p.key] ?? "")]));
const changesOf = (params: ParameterView[], draft: Draft) =>
  Object.fromEntries(params.filter((p) => draft[p.key] !== String(p.value)).map((p) => [p.key, fromDraft(p, draft[p.key] ?? "")]));
const defaultsOf = (params: ParameterView[]) => Object.fromEntries(params.map((p) => [p.key, p.default]));

/**
 * The errors the shared rules find in the values a save would leave, keyed
 * as the page's fields are, so a refused value is named as the page labels
 * it and never reaches the server.
 */
function checkDraft(view: ServiceParametersView, cluster: Draft, nodes: Record<number, Draft>, message: (ref: MessageRef) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  const c = clusterParametersSchema.safeParse(valuesOf(view.cluster, cluster));
  if (!c.success) for (const [k, m] of Object.entries(fieldRules(c.error))) errors[`cluster.${k}`] = message(m);
  for (const n of view.nodes) {
    const draft = nodes[n.nodeId];
    if (!draft) continue;
    const r = nodeParametersSchema.safeParse(valuesOf(n.parameters, draft));
    if (!r.success) for (const [k, m] of Object.entries(fieldRules(r.error))) errors[`nodes.${n.nodeId}.${k}`] = message(m);
  }
  return errors;
}

/**
 * System > Service Parameters, for the Cisco Server Recovery Manager service.
 * Set to Default does what the product does: it asks, then sets the
 * defaults and saves them at once.
 */
export function ServiceParameters() {
  const t = useTranslations("params-pages");
  const message = useMessage();
  const nameOf = useParameterName();
  const may = useCan("parameters");
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

  if (!data.data || !cluster) return <p>{t("common.loading")}</p>;
  const view = data.data;
  const node = view.nodes.find((n) => n.nodeId === nodeId) ?? null;
  const nodeDraft = node ? (nodes[node.nodeId] ?? toDraft(node.parameters)) : null;

  /** Sends a patch; on success the saved values replace the drafts of what was sent. */
  async function send(patch: ServiceParametersPatch, done: string, sent: { cluster: string[]; nodes: Record<number, string[]> }) {
    try {
      const updated = await api<ServiceParametersView>("/api/service-parameters", { method: "PUT", body: patch });
      queryClient.setQueryData(["service-parameters"], updated);
      const savedCluster = toDraft(updated.cluster);
      setCluster((c) => ({ ...c, ...Object.fromEntries(sent.cluster.map((k) => [k, savedCluster[k]!])) }));
      setNodes((all) => {
        const next = { ...all };
        for (const [id, keys] of Object.entries(sent.nodes)) {
          const saved = toDraft(updated.nodes.find((n) => n.nodeId === Number(id))?.parameters ?? []);
          const draft = { ...(next[Number(id)] ?? saved), ...Object.fromEntries(keys.map((k) => [k, saved[k]!])) };
          next[Number(id)] = draft;
        }
        return next;
      });
      feedback.report("ok", done);
    } catch (err) {
      feedback.fail(err);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const problems = checkDraft(view, cluster!, nodes, message);
    const first = Object.keys(problems)[0];
    if (first) {
      // A refused value of another node than the one shown: show that node, so its field can be corrected.
      const nodeOfError = /^nodes\.(\d+)\./.exec(first)?.[1];
      if (nodeOfError) setNodeId(Number(nodeOfError));
      feedback.refuse(problems);
      return;
    }
    // Only changed values are sent, so a save never overwrites what another admin changed meanwhile.
    const clusterChanges = changesOf(view.cluster, cluster!);
    const nodeChanges = view.nodes
      .filter((n) => nodes[n.nodeId])
      .map((n) => ({ nodeId: n.nodeId, values: changesOf(n.parameters, nodes[n.nodeId]!) }))
      .filter((n) => Object.keys(n.values).length > 0);
    await send({ cluster: clusterChanges, nodes: nodeChanges }, t("service.updated"), {
      cluster: Object.keys(clusterChanges),
      nodes: Object.fromEntries(nodeChanges.map((n) => [n.nodeId, Object.keys(n.values)])),
    });
  }

  async function setAllToDefault() {
    const target = node ? t("service.allDefaultClusterAndNode", { host: node.hostName }) : t("service.allDefaultCluster");
    if (!window.confirm(t("service.confirmAllDefault", { target }))) return;
    const patch: ServiceParametersPatch = { cluster: defaultsOf(view.cluster), nodes: node ? [{ nodeId: node.nodeId, values: defaultsOf(node.parameters) }] : [] };
    await send(patch, t("service.allDefaultDone"), {
      cluster: view.cluster.map((p) => p.key),
      nodes: node ? { [node.nodeId]: node.parameters.map((p) => p.key) } : {},
    });
  }

  async function setOneToDefault(p: ParameterView, owner: NodeView | null) {
    const words = { name: nameOf(p), value: shown(t, p, p.default) };
    const confirmed = owner ? t("service.confirmOneDefaultOf", { ...words, host: owner.hostName }) : t("service.confirmOneDefault", words);
    if (!window.confirm(confirmed)) return;
    const patch: ServiceParametersPatch = owner ? { nodes: [{ nodeId: owner.nodeId, values: { [p.key]: p.default } }] } : { cluster: { [p.key]: p.default } };
    const done = owner ? t("service.oneDefaultDoneOf", { name: words.name, host: owner.hostName }) : t("service.oneDefaultDone", { name: words.name });
    await send(patch, done, {
      cluster: owner ? [] : [p.key],
      nodes: owner ? { [owner.nodeId]: [p.key] } : {},
    });
  }

  return (
    <form ref={feedback.formRef} onSubmit={save} noValidate aria-label={t("title.service")}>
      <PageTitle
        title={t("title.service")}
        toolbar={
          <>
            <button type="submit" disabled={!may.allowed} title={may.why}>{t("common.save")}</button>
            <button type="button" onClick={setAllToDefault} disabled={!may.allowed} title={may.why}>
              {t("common.setToDefault")}
            </button>
          </>
        }
      />
      <Section title={t("common.status")}>
        <RoleNotice permission="parameters" />
        <StatusLine status={feedback.status} />
        {view.warnings.length > 0 && (
          <ul className="status-warn" data-testid="parameter-warnings">
            {view.warningMessages.map((w, i) => (
              <li key={view.warnings[i]}>{t("service.warning", { warning: message({ key: w.messageKey, values: w.values }) })}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t("service.selectServer")}>
        <div className="inline-form">
          <label>
            {t("service.server")}{" "}
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
            {t("service.service")}{" "}
            <select defaultValue="srm">
              <option value="srm">{t("service.srmService")}</option>
            </select>
          </label>
        </div>
      </Section>
      <Section title={t("service.general")}>
        <ParameterTable label={t("service.generalLabel")}>
          {view.cluster.map((p) => (
            <ParameterRow
              key={p.key}
              p={p}
              id={`cluster-${p.key}`}
              value={cluster[p.key] ?? ""}
              error={errors[`cluster.${p.key}`]}
              onChange={(v) => setCluster({ ...cluster, [p.key]: v })}
              onSetDefault={() => setOneToDefault(p, null)}
            />
          ))}
        </ParameterTable>
      </Section>
      {node && nodeDraft && (
        <Section title={t("service.perNode", { host: node.hostName })}>
          <ParameterTable label={t("service.perNode", { host: node.hostName })}>
            {node.parameters.map((p) => (
              <ParameterRow
                key={p.key}
                p={p}
                id={`node-${p.key}`}
                value={nodeDraft[p.key] ?? ""}
                error={errors[`nodes.${node.nodeId}.${p.key}`]}
                onChange={(v) => setNodes({ ...nodes, [node.nodeId]: { ...nodeDraft, [p.key]: v } })}
                onSetDefault={() => setOneToDefault(p, node)}
              />
            ))}
          </ParameterTable>
        </Section>
      )}
    </form>
  );
}

function ParameterTable({ label, children }: { label: string; children: ReactNode }) {
  const t = useTranslations("params-pages");
  return (
    <TableScroll label={label}>
      <table className="list">
        <thead>
          <tr>
            <th>{t("common.parameterName")}</th>
            <th>{t("common.parameterValue")}</th>
            <th>{t("common.default")}</th>
            <th>{t("common.validRange")}</th>
            <th>{t("common.setToDefault")}</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
