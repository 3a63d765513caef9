"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { useHaLabels } from "@/components/ha/use-ha-labels.ts";
import { ALERT_NAMES } from "@/lib/alerts/conditions.ts";
import { api } from "@/lib/client/api.ts";
import { webhookInputSchema, type AlertView } from "@/lib/schemas/alerts.ts";
import type { webhookSchema } from "@/lib/schemas/alerts.ts";
import type { z } from "zod";

type Webhook = z.infer<typeof webhookSchema>;

interface Filters {
  name: string;
  status: string;
  acknowledged: string;
  node: string;
}

/** Serviceability > Alert Central: the RTMT-like list of active and past alerts, filtered, acknowledged. */
export function AlertCentral() {
  const t = useTranslations("alerts");
  const format = useFormatter();
  const labels = useHaLabels();
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" }) : "");
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
      feedback.report("ok", input.url ? t("delivered", { url: input.url }) : t("webhookOff"));
      await queryClient.invalidateQueries({ queryKey: ["alerts", "webhook"] });
    } catch (err) {
      feedback.fail(err);
    }
  }
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));

  async function acknowledge(alert: AlertView) {
    try {
      await api(`/api/alerts/${alert.id}/acknowledge`, { method: "POST" });
      feedback.report("ok", t("acknowledgedDone", { name: alert.name, node: alert.nodeName }));
      await queryClient.invalidateQueries({ queryKey: ["alerts"] });
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <>
      <PageTitle title={t("title")} />
      <Section title={t("status")}>
        <StatusLine status={feedback.status} />
      </Section>
      <Section title={t("alerts")}>
        <form className="search-bar" aria-label={t("filterForm")} onSubmit={(e) => e.preventDefault()}>
          <label>
            {t("alert")}{" "}
            <select value={filters.name} onChange={set("name")}>
              <option value="">{t("all")}</option>
              {ALERT_NAMES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("statusFilter")}{" "}
            <select value={filters.status} onChange={set("status")}>
              <option value="">{t("activeAndCleared")}</option>
              <option value="active">{t("active")}</option>
              <option value="cleared">{t("cleared")}</option>
            </select>
          </label>
          <label>
            {t("acknowledged")}{" "}
            <select value={filters.acknowledged} onChange={set("acknowledged")}>
              <option value="">{t("any")}</option>
              <option value="false">{t("notAcknowledged")}</option>
              <option value="true">{t("acknowledged")}</option>
            </select>
          </label>
          <label>
            {t("node")} <input value={filters.node} onChange={set("node")} placeholder={t("hostName")} />
          </label>
        </form>
        {alerts.isError && (
          <p role="alert" className="status-error">
            {alerts.error.message}
          </p>
        )}
        {alerts.isPending && <p>{t("loading")}</p>}
        {alerts.data && alerts.data.length === 0 && <p>{t("noMatch")}</p>}
        {alerts.data && alerts.data.length > 0 && (
          <TableScroll label={t("alerts")}>
            <table className="list compact">
              <thead>
                <tr>
                  <th scope="col">{t("alert")}</th>
                  <th scope="col">{t("statusFilter")}</th>
                  <th scope="col">{t("node")}</th>
                  <th scope="col">{t("group")}</th>
                  <th scope="col">{t("reason")}</th>
                  <th scope="col">{t("raised")}</th>
                  <th scope="col">{t("clearedAt")}</th>
                  <th scope="col">{t("acknowledged")}</th>
                </tr>
              </thead>
              <tbody>
                {alerts.data.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td>{a.clearedAt ? t("cleared") : t("active")}</td>
                    <td>{a.nodeName}</td>
                    <td>{a.groupName}</td>
                    <td>{labels.reason(a.reason)}</td>
                    <td>{when(a.raisedAt)}</td>
                    <td>{when(a.clearedAt)}</td>
                    <td>
                      {a.acknowledgedAt ? (
                        t("acknowledgedBy", { by: a.acknowledgedBy ?? "", at: when(a.acknowledgedAt) })
                      ) : (
                        <button type="button" onClick={() => acknowledge(a)} aria-label={t("acknowledgeOf", { name: a.name, node: a.nodeName, at: when(a.raisedAt) })}>
                          {t("acknowledge")}
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
      <Section title={t("webhook")}>
        <form ref={feedback.formRef} onSubmit={saveWebhook} noValidate aria-label={t("webhookForm")} className="inline-form">
          <label>
            {t("url")}{" "}
            <input id="url" type="url" className="url-input" value={url} placeholder={t("urlPlaceholder")} {...invalidProps("url", feedback.errors.url)} onChange={(e) => setUrl(e.target.value)} />
            <FieldError id="url" message={feedback.errors.url} />
          </label>
          <button type="submit">{t("save")}</button>
        </form>
        <p>{t("retries")}</p>
        {webhook.data && webhook.data.deliveries.length === 0 && <p>{t("noDeliveries")}</p>}
        {webhook.data && webhook.data.deliveries.length > 0 && (
          <TableScroll label={t("deliveryLog")}>
            <table className="list compact">
              <caption className="visually-hidden">{t("deliveryCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("time")}</th>
                  <th scope="col">{t("alert")}</th>
                  <th scope="col">{t("event")}</th>
                  <th scope="col">{t("attempt")}</th>
                  <th scope="col">{t("outcome")}</th>
                  <th scope="col">{t("answer")}</th>
                </tr>
              </thead>
              <tbody>
                {webhook.data.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{when(d.at)}</td>
                    <td>#{d.alertId}</td>
                    <td>{d.event}</td>
                    <td>{format.number(d.attempt)}</td>
                    <td>{d.outcome}</td>
                    <td>{d.error ?? (d.httpStatus !== null ? t("http", { status: String(d.httpStatus) }) : "")}</td>
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
