"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { EnterpriseParametersView } from "@/lib/schemas/parameters.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

/** System > Enterprise Parameters: User Management Parameters. */
export function EnterpriseParameters() {
  const may = useCan("parameters");
  const queryClient = useQueryClient();
  const data = useQuery({ queryKey: ["enterprise-parameters"], queryFn: () => api<EnterpriseParametersView>("/api/enterprise-parameters") });
  const [mode, setMode] = useState<string | null>(null);
  const feedback = useFormFeedback();

  useEffect(() => {
    if (data.data && mode === null) setMode(data.data.userAssignmentMode);
  }, [data.data, mode]);
  if (!data.data || mode === null) return <p>Loading…</p>;
  const view = data.data;

  async function save(event: FormEvent) {
    event.preventDefault();
    await put(mode!);
  }

  /** As on the product: Set to Default asks, then sets the default and saves it. */
  async function setToDefault() {
    if (!window.confirm(`Set User Assignment Mode for Presence Server to its default (${view.default}) and save? Users may be re-assigned at once.`)) return;
    setMode(view.default);
    await put(view.default);
  }

  async function put(userAssignmentMode: string) {
    try {
      const updated = await api<EnterpriseParametersView>("/api/enterprise-parameters", { method: "PUT", body: { userAssignmentMode } });
      queryClient.setQueryData(["enterprise-parameters"], updated);
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      feedback.report(
        "ok",
        `Update successful: ${updated.moved ?? 0} users re-assigned${updated.pendingGroups.length ? `; ${updated.pendingGroups.map((g) => g.name).join(", ")} will follow when back to Normal` : ""}`,
      );
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <form onSubmit={save} aria-label="Enterprise Parameters Configuration">
      <PageTitle
        title="Enterprise Parameters Configuration"
        toolbar={
          <>
            <button type="submit" disabled={!may.allowed} title={may.why}>Save</button>
            <button type="button" onClick={setToDefault} disabled={!may.allowed} title={may.why}>
              Set to Default
            </button>
          </>
        }
      />
      <Section title="Status">
        <RoleNotice permission="parameters" />
        <StatusLine status={feedback.status} />
        {view.pendingGroups.length > 0 && (
          <p className="status-warn" data-testid="assignment-pending">
            A node of {view.pendingGroups.map((g) => g.name).join(", ")} is failed over: the assignment mode applies to{" "}
            {view.pendingGroups.length === 1 ? "that group" : "those groups"} when {view.pendingGroups.length === 1 ? "it is" : "they are"} back to Normal.
          </p>
        )}
      </Section>
      <Section title="User Management Parameters">
        <TableScroll label="User Management Parameters">
          <table className="list">
            <thead>
              <tr>
                <th>Parameter Name</th>
                <th>Parameter Value</th>
                <th>Default</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  <label htmlFor="userAssignmentMode">User Assignment Mode for Presence Server</label>
                  <div className="hint">{view.options.find((o) => o.value === mode)?.help}</div>
                </td>
                <td>
                  <select id="userAssignmentMode" value={mode} onChange={(e) => setMode(e.target.value)}>
                    {view.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.value}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{view.default}</td>
              </tr>
            </tbody>
          </table>
        </TableScroll>
      </Section>
    </form>
  );
}
