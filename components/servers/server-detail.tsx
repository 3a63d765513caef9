"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { StatusLine, type Status } from "@/components/forms/status-line.tsx";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { NodeDetailView } from "@/lib/schemas/nodes.ts";
import { LabPanel } from "@/components/ha/lab-panel.tsx";
import { ServiceStatusTable } from "./service-status-table.tsx";
import { useReplicationMeaning } from "./use-replication-meaning.ts";

export function ServerDetail({ id }: { id: string }) {
  const t = useTranslations("servers");
  const meaning = useReplicationMeaning();
  const may = useCan("inventory");
  const router = useRouter();
  const queryClient = useQueryClient();
  const node = useQuery({ queryKey: ["node", id], queryFn: () => api<NodeDetailView>(`/api/nodes/${id}`) });
  const [status, setStatus] = useState<Status>(
    useSearchParams().get("status") === "added" ? { kind: "ok", text: t("common.added") } : null,
  );

  async function remove() {
    if (!node.data || !window.confirm(t("detail.confirmDelete", { host: node.data.hostName }))) return;
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
        title={t("title.configuration")}
        toolbar={
          <>
            <button type="button" className="danger" onClick={remove} title={may.why} disabled={!may.allowed || !node.data}>
              {t("common.delete")}
            </button>
            <button type="button" onClick={() => router.push("/system/server/new")} disabled={!may.allowed} title={may.why}>
              {t("common.addNew")}
            </button>
            <Link href="/system/server">{t("common.back")}</Link>
          </>
        }
      />
      <Section title={t("common.status")}>
        <StatusLine status={status} />
        {node.isError && (
          <p role="alert" className="status-error">{node.error.message}</p>
        )}
      </Section>
      {node.data && (
        <>
          <Section title={t("common.information")}>
            <dl className="fields">
              <dt>{t("detail.hostName")}</dt>
              <dd>{node.data.hostName}</dd>
              <dt>{t("detail.serverType")}</dt>
              <dd>{t("detail.serverTypeValue")}</dd>
              <dt>{t("detail.softwareVersion")}</dt>
              <dd>{node.data.softwareVersion}</dd>
              <dt>{t("detail.cluster")}</dt>
              <dd>{node.data.cluster.name}</dd>
              <dt>{t("detail.publisher")}</dt>
              <dd>{node.data.isPublisher ? t("common.yes") : t("common.no")}</dd>
              <dt>{t("detail.replication")}</dt>
              <dd>
                {t("common.replicationValue", {
                  state: String(node.data.replicationState),
                  meaning: meaning(node.data.replicationState, node.data.replicationMeaning),
                })}
              </dd>
              <dt>{t("detail.group")}</dt>
              <dd>
                {node.data.group
                  ? t("detail.groupPosition", { group: node.data.group.name, position: String(node.data.group.position) })
                  : t("common.none")}
              </dd>
            </dl>
          </Section>
          <Section title={t("detail.services")}>
            <ServiceStatusTable services={node.data.services} />
          </Section>
          <Section title={t("detail.labFaults")}>
            <LabPanel nodeId={node.data.id} />
          </Section>
        </>
      )}
    </>
  );
}
