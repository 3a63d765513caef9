"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Pager } from "@/components/find-list/pager.tsx";
import { useListParams } from "@/components/find-list/use-list-params.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { AUDIT_OUTCOMES } from "@/lib/audit/audit-log.ts";
import { api } from "@/lib/client/api.ts";
import { auditListQuery, type AuditPage } from "@/lib/schemas/audit.ts";

type Filters = { username: string; action: string; outcome: string; from: string; to: string; q: string };
/** The text filters with their message keys. */
const FILTERS: [keyof Filters, string][] = [
  ["username", "audit.account"],
  ["action", "audit.operation"],
  ["q", "audit.contains"],
];

/** System > Audit Log: Find and List of every write and sign-in, newest first, with CSV export. */
export function AuditLog() {
  const t = useTranslations("accounts");
  const format = useFormatter();
  const { params, update, queryString } = useListParams(auditListQuery);
  const log = useQuery({
    queryKey: ["audit", queryString],
    queryFn: () => api<AuditPage>(`/api/audit?${queryString}`),
    placeholderData: keepPreviousData,
  });
  const [draft, setDraft] = useState<Filters>({
    username: params.username ?? "",
    action: params.action ?? "",
    outcome: params.outcome ?? "",
    from: params.from ?? "",
    to: params.to ?? "",
    q: params.q ?? "",
  });

  function find(event: FormEvent) {
    event.preventDefault();
    const blankToUndefined = (v: string) => (v.trim() === "" ? undefined : v.trim());
    update({
      username: blankToUndefined(draft.username),
      action: blankToUndefined(draft.action),
      outcome: blankToUndefined(draft.outcome) as (typeof AUDIT_OUTCOMES)[number] | undefined,
      from: blankToUndefined(draft.from),
      to: blankToUndefined(draft.to),
      q: blankToUndefined(draft.q),
      page: 1,
    });
  }

  const exportQuery = new URLSearchParams(
    Object.entries({ username: params.username, action: params.action, outcome: params.outcome, from: params.from, to: params.to, q: params.q }).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  ).toString();

  return (
    <>
      <PageTitle
        title={t("title.auditLog")}
        toolbar={
          <a className="button" href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`} download>
            {t("audit.export")}
          </a>
        }
      />
      <Section title={t("audit.find")}>
        <form onSubmit={find} aria-label={t("audit.findForm")} className="inline-form">
          {FILTERS.map(([key, label]) => (
            <label key={key}>
              {t(label)}{" "}
              <input id={`audit-${key}`} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
            </label>
          ))}
          <label>
            {t("audit.outcome")}{" "}
            <select id="audit-outcome" value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}>
              <option value="">{t("audit.any")}</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("audit.from")}{" "}
            <input id="audit-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </label>
          <label>
            {t("audit.before")}{" "}
            <input id="audit-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <button type="submit">{t("audit.findButton")}</button>
        </form>
      </Section>
      <Section title={t("audit.records")}>
        {log.isError && (
          <p role="alert" className="status-error">
            {log.error.message}
          </p>
        )}
        {log.data && (
          <>
            <p>{t("audit.found", { count: log.data.total })}</p>
            <TableScroll label={t("audit.recordsLabel")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("audit.time")}</th>
                    <th scope="col">{t("audit.account")}</th>
                    <th scope="col">{t("audit.address")}</th>
                    <th scope="col">{t("audit.operation")}</th>
                    <th scope="col">{t("audit.request")}</th>
                    <th scope="col">{t("audit.outcome")}</th>
                    <th scope="col">{t("audit.details")}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((r) => (
                    <tr key={r.id} data-testid="audit-row">
                      <td>{format.dateTime(new Date(r.at), { dateStyle: "short", timeStyle: "medium" })}</td>
                      <td>{r.username ?? t("audit.nobody")}</td>
                      <td>{r.address}</td>
                      <td>{r.action}</td>
                      <td>
                        {r.method} {r.path}
                      </td>
                      <td className={r.outcome === "ok" ? "ok" : "bad"}>
                        {r.message
                          ? t("audit.outcomeMessage", { outcome: r.outcome, status: String(r.status), message: r.message })
                          : t("audit.outcomeValue", { outcome: r.outcome, status: String(r.status) })}
                      </td>
                      <td>
                        {r.detail && Object.keys(r.detail as object).length > 0 ? (
                          <details>
                            <summary>{t("audit.show")}</summary>
                            <pre>{JSON.stringify(r.detail, null, 2)}</pre>
                          </details>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pager page={params.page} pageSize={params.pageSize} total={log.data.total} onChange={update} />
          </>
        )}
      </Section>
    </>
  );
}
