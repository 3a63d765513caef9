"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { EnterpriseParametersView } from "@/lib/schemas/parameters.ts";
import { ASSIGNMENT_MODE_KEY, ASSIGNMENT_MODES, type AssignmentMode } from "@/lib/users/assignment.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

/** System > Enterprise Parameters: User Management Parameters. */
export function EnterpriseParameters() {
  const t = useTranslations("params-pages");
  const modes = Object.fromEntries(
    ASSIGNMENT_MODES.map((m) => [m, { label: t(`enterprise.mode.${ASSIGNMENT_MODE_KEY[m]}`), help: t(`enterprise.help.${ASSIGNMENT_MODE_KEY[m]}`) }]),
  ) as Record<AssignmentMode, { label: string; help: string }>;
  const may = useCan("parameters");
  const queryClient = useQueryClient();
  const data = useQuery({ queryKey: ["enterprise-parameters"], queryFn: () => api<EnterpriseParametersView>("/api/enterprise-parameters") });
  const [mode, setMode] = useState<string | null>(null);
  const feedback = useFormFeedback();

  useEffect(() => {
    if (data.data && mode === null) setMode(data.data.userAssignmentMode);
  }, [data.data, mode]);
  if (!data.data || mode === null) return <p>{t("common.loading")}</p>;
  const view = data.data;

  async function save(event: FormEvent) {
    event.preventDefault();
    await put(mode!);
  }

  /** As on the product: Set to Default asks, then sets the default and saves it. */
  async function setToDefault() {
    if (!window.confirm(t("enterprise.confirmDefault", { mode: modes[view.default].label }))) return;
    setMode(view.default);
    await put(view.default);
  }

  async function put(userAssignmentMode: string) {
    try {
      const updated = await api<EnterpriseParametersView>("/api/enterprise-parameters", { method: "PUT", body: { userAssignmentMode } });
      queryClient.setQueryData(["enterprise-parameters"], updated);
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      const count = updated.moved ?? 0;
      feedback.report(
        "ok",
        updated.pendingGroups.length
          ? t("enterprise.updatedPending", { count, groups: updated.pendingGroups.map((g) => g.name).join(", ") })
          : t("enterprise.updated", { count }),
      );
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <form onSubmit={save} aria-label={t("title.enterprise")}>
      <PageTitle
        title={t("title.enterprise")}
        toolbar={
          <>
            <button type="submit" disabled={!may.allowed} title={may.why}>{t("common.save")}</button>
            <button type="button" onClick={setToDefault} disabled={!may.allowed} title={may.why}>
              {t("common.setToDefault")}
            </button>
          </>
        }
      />
      <Section title={t("common.status")}>
        <RoleNotice permission="parameters" />
        <StatusLine status={feedback.status} />
        {view.pendingGroups.length > 0 && (
          <p className="status-warn" data-testid="assignment-pending">
            {t("enterprise.pending", { groups: view.pendingGroups.map((g) => g.name).join(", "), count: view.pendingGroups.length })}
          </p>
        )}
      </Section>
      <Section title={t("enterprise.userManagement")}>
        <TableScroll label={t("enterprise.userManagement")}>
          <table className="list">
            <thead>
              <tr>
                <th>{t("common.parameterName")}</th>
                <th>{t("common.parameterValue")}</th>
                <th>{t("common.default")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  <label htmlFor="userAssignmentMode">{t("enterprise.userAssignmentMode")}</label>
                  <div className="hint">{mode in modes ? modes[mode as AssignmentMode].help : ""}</div>
                </td>
                <td>
                  <select id="userAssignmentMode" value={mode} onChange={(e) => setMode(e.target.value)}>
                    {view.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {modes[o.value].label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{modes[view.default].label}</td>
              </tr>
            </tbody>
          </table>
        </TableScroll>
      </Section>
    </form>
  );
}
