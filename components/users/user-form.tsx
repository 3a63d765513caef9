"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { clusterListSchema } from "@/lib/schemas/nodes.ts";
import { USER_ID_MAX, USER_NAME_MAX, userInputSchema, type UserView } from "@/lib/schemas/users.ts";
import type { z } from "zod";
import { USERS_BASE } from "./user-list.tsx";

const EMPTY = { userId: "", firstName: "", lastName: "", signedIn: false, cluster: "" };

function placement(t: ReturnType<typeof useTranslations<"users">>, u: UserView): string {
  if (!u.assignedNode) return t("form.placedUnassigned", { userId: u.userId });
  return t("form.placedOn", { userId: u.userId, host: u.assignedNode.hostName });
}

/** End User Configuration, Add New: the Sync Agent chooses the node. */
export function UserForm() {
  const t = useTranslations("users");
  const may = useCan("end_users");
  const queryClient = useQueryClient();
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => api<z.infer<typeof clusterListSchema>>("/api/clusters") }).data?.items ?? [];
  const [draft, setDraft] = useState(EMPTY);
  // With one cluster there is nothing to choose: it is every user's home cluster.
  const cluster = draft.cluster || (clusters.length === 1 ? clusters[0]!.name : "");
  const feedback = useFormFeedback();
  const { errors } = feedback;
  const [added, setAdded] = useState<UserView | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    // No cluster chosen: the server names the clusters to choose from.
    const input = feedback.validate(userInputSchema, { ...draft, cluster: cluster || undefined });
    if (!input) return;
    setBusy(true);
    try {
      const user = await api<UserView>("/api/users", { method: "POST", body: input });
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      setAdded(user);
      setDraft({ ...EMPTY, cluster: draft.cluster });
      feedback.report("ok", t("form.added"));
    } catch (err) {
      feedback.fail(err);
      setAdded(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={feedback.formRef} onSubmit={save} noValidate aria-label={t("form.label")}>
      <PageTitle
        title={t("form.label")}
        toolbar={
          <>
            <button type="submit" title={may.why} disabled={!may.allowed || busy}>
              {t("form.save")}
            </button>
            <Link href={`${USERS_BASE}/import`}>{t("form.importUsers")}</Link>
            <Link href={USERS_BASE}>{t("form.back")}</Link>
          </>
        }
      />
      <Section title={t("form.status")}>
        <RoleNotice permission="end_users" />
        <StatusLine status={feedback.status} />
        {added && (
          <p data-testid="added-user">
            {placement(t, added)}. <Link href={`${USERS_BASE}?match=exact&q=${encodeURIComponent(added.userId)}`}>{t("form.showInList")}</Link>
          </p>
        )}
      </Section>
      <Section title={t("form.information")}>
        <div className="form-grid">
          <label htmlFor="userId">{t("form.userId")}</label>
          <div>
            <input id="userId" value={draft.userId} maxLength={USER_ID_MAX + 10} {...invalidProps("userId", errors.userId)} onChange={(e) => set("userId", e.target.value)} />
            <FieldError id="userId" message={errors.userId} />
            <div className="hint">{t("form.userIdHint", { max: USER_ID_MAX })}</div>
          </div>
          <label htmlFor="cluster">{clusters.length > 1 ? t("form.clusterRequired") : t("form.cluster")}</label>
          <div>
            <select id="cluster" value={cluster} aria-invalid={!!errors.cluster} onChange={(e) => set("cluster", e.target.value)}>
              {clusters.length !== 1 && <option value="">{t("form.chooseCluster")}</option>}
              {clusters.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldError id="cluster" message={errors.cluster} />
            <div className="hint">{t("form.clusterHint")}</div>
          </div>
          <label htmlFor="firstName">{t("form.firstName")}</label>
          <div>
            <input id="firstName" value={draft.firstName} maxLength={USER_NAME_MAX + 10} {...invalidProps("firstName", errors.firstName)} onChange={(e) => set("firstName", e.target.value)} />
            <FieldError id="firstName" message={errors.firstName} />
          </div>
          <label htmlFor="lastName">{t("form.lastName")}</label>
          <div>
            <input id="lastName" value={draft.lastName} maxLength={USER_NAME_MAX + 10} {...invalidProps("lastName", errors.lastName)} onChange={(e) => set("lastName", e.target.value)} />
            <FieldError id="lastName" message={errors.lastName} />
          </div>
          <label htmlFor="signedIn">{t("form.signedIn")}</label>
          <div>
            <input id="signedIn" type="checkbox" checked={draft.signedIn} onChange={(e) => set("signedIn", e.target.checked)} />
            <span className="hint"> {t("form.signedInHint")}</span>
          </div>
        </div>
        <p className="hint">{t("form.assignmentHint")}</p>
      </Section>
    </form>
  );
}
