"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import { REPLICATION_STATES } from "@/lib/domain/replication.ts";
import { nodeCreateSchema, type NodeDetailView } from "@/lib/schemas/nodes.ts";
import { useReplicationMeaning } from "./use-replication-meaning.ts";

type Clusters = { items: { id: number; name: string; publisher: string | null }[] };

export function ServerForm() {
  const t = useTranslations("servers");
  const meaning = useReplicationMeaning();
  const may = useCan("inventory");
  const router = useRouter();
  const queryClient = useQueryClient();
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => api<Clusters>("/api/clusters") });
  const [draft, setDraft] = useState({ hostName: "", softwareVersion: "", cluster: "", replicationState: "2" });
  const feedback = useFormFeedback();
  const { errors } = feedback;
  const set = (key: keyof typeof draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = feedback.validate(nodeCreateSchema, { ...draft, replicationState: Number(draft.replicationState) });
    if (!input) return;
    try {
      const node = await api<NodeDetailView>("/api/nodes", { method: "POST", body: input });
      await queryClient.invalidateQueries({ queryKey: ["nodes"] });
      await queryClient.invalidateQueries({ queryKey: ["clusters"] });
      router.replace(`/system/server/${node.id}?status=added`);
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <form ref={feedback.formRef} onSubmit={save} noValidate aria-label={t("title.configuration")}>
      <PageTitle
        title={t("title.configuration")}
        toolbar={
          <>
            <button type="submit" disabled={!may.allowed} title={may.why}>{t("common.save")}</button>
            <Link href="/system/server">{t("common.back")}</Link>
          </>
        }
      />
      <Section title={t("common.status")}>
        <RoleNotice permission="inventory" />
        <StatusLine status={feedback.status} />
      </Section>
      <Section title={t("common.information")}>
        <div className="form-grid">
          <label htmlFor="hostName">{t("form.hostName")}</label>
          <div>
            <input id="hostName" value={draft.hostName} {...invalidProps("hostName", errors.hostName)} onChange={(e) => set("hostName", e.target.value)} />
            <FieldError id="hostName" message={errors.hostName} />
          </div>
          <label htmlFor="softwareVersion">{t("form.softwareVersion")}</label>
          <div>
            <input id="softwareVersion" placeholder="15.0.1.12900-12" value={draft.softwareVersion} {...invalidProps("softwareVersion", errors.softwareVersion)} onChange={(e) => set("softwareVersion", e.target.value)} />
            <FieldError id="softwareVersion" message={errors.softwareVersion} />
          </div>
          <label htmlFor="cluster">{t("form.cluster")}</label>
          <div>
            <input id="cluster" list="clusters" value={draft.cluster} {...invalidProps("cluster", errors.cluster)} onChange={(e) => set("cluster", e.target.value)} />
            <datalist id="clusters">
              {clusters.data?.items.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.publisher ? t("form.publisher", { host: c.publisher }) : ""}
                </option>
              ))}
            </datalist>
            <FieldError id="cluster" message={errors.cluster} />
            <div className="hint">{t("form.clusterHint")}</div>
          </div>
          <label htmlFor="replicationState">{t("form.replication")}</label>
          <div>
            <select id="replicationState" value={draft.replicationState} onChange={(e) => set("replicationState", e.target.value)}>
              {Object.entries(REPLICATION_STATES).map(([value, text]) => (
                <option key={value} value={value}>
                  {t("form.replicationOption", { state: value, meaning: meaning(Number(value), text) })}
                </option>
              ))}
            </select>
            <FieldError id="replicationState" message={errors.replicationState} />
          </div>
        </div>
      </Section>
    </form>
  );
}
