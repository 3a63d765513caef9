"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { ALERT_NAMES } from "@/lib/alerts/conditions.ts";
import { api } from "@/lib/client/api.ts";
import { webhookInputSchema, type AlertView } from "@/lib/schemas/alerts.ts";
import type { webhookSchema } from "@/lib/schemas/alerts.ts";
import type { z } from "zod";

type Webhook = z.infer<typeof webhookSchema>;

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
  const webhook = useQuery({ queryKey: ["alerts", "webhook"], queryFn: () => api<Webhook>("/api/alerts/webhook") });
  const [url, setUrl] = useState("");
  const storedUrl = webhook.data?.url ?? "";
  useEffect(() => setUrl(storedUrl), [storedUrl]);

  async function saveWebhook(event: FormEvent) {
    event.preventDefault();
    const input = feedback.validate(webhookInputSchema, { url });
    if (!input) return;
    try {
      await api<Webhook>("/api/alerts/webhook", { method: "PUT", body: input });
      feedback.report("ok", input.url ? `Alerts are delivered to ${input.url}` : "Webhook delivery is off");
      await queryClient.invalidateQueries({ queryKey: ["alerts", "webhook"] });
    } catch (err) {
      feedback.fail(err);
    }
  }
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
      <Section title="Webhook Delivery">
        <form ref={feedback.formRef} onSubmit={saveWebhook} noValidate aria-label="Webhook" className="inline-form">
          <label>
            Webhook URL{" "}
            <input id="url" type="url" className="url-input" value={url} placeholder="https://… (empty: off)" {...invalidProps("url", feedback.errors.url)} onChange={(e) => setUrl(e.target.value)} />
            <FieldError id="url" message={feedback.errors.url} />
          </label>
          <button type="submit">Save</button>
        </form>
        <p>Each raised or cleared alert is POSTed as JSON; a failed attempt is retried after 1, 2, 4, 8 and 16 seconds.</p>
        {webhook.data && webhook.data.deliveries.length === 0 && <p>No deliveries yet</p>}
        {webhook.data && webhook.data.deliveries.length > 0 && (
          <TableScroll label="Delivery log">
            <table className="list compact">
              <caption className="visually-hidden">Delivery log, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Alert</th>
                  <th scope="col">Event</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                {webhook.data.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{when(d.at)}</td>
                    <td>#{d.alertId}</td>
                    <td>{d.event}</td>
                    <td>{d.attempt}</td>
                    <td>{d.outcome}</td>
                    <td>{d.error ?? (d.httpStatus !== null ? `HTTP ${d.httpStatus}` : "")}</td>
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
