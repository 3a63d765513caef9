"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { ALERT_NAMES } from "@/lib/alerts/conditions.ts";
import { api } from "@/lib/client/api.ts";
import type { AlertView } from "@/lib/schemas/alerts.ts";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "");

interface Filters {
  name: string;
  status: string;
  acknowledged: string;
  node: string;
}

/** Serviceability > Alert Central: the RTMT-like list of active and past alerts, filtered, acknowledged. */
export function AlertCentral() {
  const queryClient = useQueryClient();
  const feedback = useFormFeedback();
  const [filters, setFilters] = useState<Filters>({ name: "", status: "", acknowledged: "", node: "" });
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
  const alerts = useQuery({
    queryKey: ["alerts", qs.toString()],
    queryFn: () => api<AlertView[]>(`/api/alerts?${qs}`),
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));

  async function acknowledge(alert: AlertView) {
    try {
      await api(`/api/alerts/${alert.id}/acknowledge`, { method: "POST" });
      feedback.report("ok", `${alert.name} on ${alert.nodeName} acknowledged`);
      await queryClient.invalidateQueries({ queryKey: ["alerts"] });
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <>
      <PageTitle title="Alert Central" />
      <Section title="Status">
        <StatusLine status={feedback.status} />
      </Section>
      <Section title="Alerts">
        <form className="search-bar" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
          <label>
            Alert{" "}
            <select value={filters.name} onChange={set("name")}>
              <option value="">All</option>
              {ALERT_NAMES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status{" "}
            <select value={filters.status} onChange={set("status")}>
              <option value="">Active and cleared</option>
              <option value="active">Active</option>
              <option value="cleared">Cleared</option>
            </select>
          </label>
          <label>
            Acknowledged{" "}
            <select value={filters.acknowledged} onChange={set("acknowledged")}>
              <option value="">Any</option>
              <option value="false">Not acknowledged</option>
              <option value="true">Acknowledged</option>
            </select>
          </label>
          <label>
            Node <input value={filters.node} onChange={set("node")} placeholder="host name" />
          </label>
        </form>
        {alerts.isError && (
          <p role="alert" className="status-error">
            {alerts.error.message}
          </p>
        )}
        {alerts.isPending && <p>Loading…</p>}
        {alerts.data && alerts.data.length === 0 && <p>No alerts match</p>}
        {alerts.data && alerts.data.length > 0 && (
          <TableScroll label="Alerts">
            <table className="list compact">
              <thead>
                <tr>
                  <th scope="col">Alert</th>
                  <th scope="col">Status</th>
                  <th scope="col">Node</th>
                  <th scope="col">Group</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Raised (lab)</th>
                  <th scope="col">Cleared (lab)</th>
                  <th scope="col">Acknowledged</th>
                </tr>
              </thead>
              <tbody>
                {alerts.data.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td>{a.clearedAt ? "Cleared" : "Active"}</td>
                    <td>{a.nodeName}</td>
                    <td>{a.groupName}</td>
                    <td>{a.reason}</td>
                    <td>{when(a.raisedAt)}</td>
                    <td>{when(a.clearedAt)}</td>
                    <td>
                      {a.acknowledgedAt ? (
                        `${a.acknowledgedBy ?? ""}, ${when(a.acknowledgedAt)}`
                      ) : (
                        <button type="button" onClick={() => acknowledge(a)} aria-label={`Acknowledge ${a.name} on ${a.nodeName} raised ${when(a.raisedAt)}`}>
                          Acknowledge
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
    </>
  );
}
