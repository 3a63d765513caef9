"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Pager } from "@/components/find-list/pager.tsx";
import { useListParams } from "@/components/find-list/use-list-params.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { AUDIT_OUTCOMES } from "@/lib/audit/audit-log.ts";
import { api } from "@/lib/client/api.ts";
import { auditListQuery, type AuditPage } from "@/lib/schemas/audit.ts";

type Filters = { username: string; action: string; outcome: string; from: string; to: string; q: string };
const FILTERS: [keyof Filters, string][] = [
  ["username", "Account"],
  ["action", "Operation"],
  ["q", "Path, message or address contains"],
];

/** System > Audit Log: Find and List of every write and sign-in, newest first, with CSV export. */
export function AuditLog() {
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
        title="Audit Log"
        toolbar={
          <a className="button" href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`} download>
            Export CSV
          </a>
        }
      />
      <Section title="Find">
        <form onSubmit={find} aria-label="Find audit records" className="inline-form">
          {FILTERS.map(([key, label]) => (
            <label key={key}>
              {label}{" "}
              <input id={`audit-${key}`} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
            </label>
          ))}
          <label>
            Outcome{" "}
            <select id="audit-outcome" value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}>
              <option value="">Any</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <label>
            From{" "}
            <input id="audit-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </label>
          <label>
            Before{" "}
            <input id="audit-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <button type="submit">Find</button>
        </form>
      </Section>
      <Section title="Audit Records">
        {log.isError && (
          <p role="alert" className="status-error">
            {log.error.message}
          </p>
        )}
        {log.data && (
          <>
            <p>
              {log.data.total} record{log.data.total === 1 ? "" : "s"} found
            </p>
            <TableScroll label="Audit records">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Account</th>
                    <th scope="col">Address</th>
                    <th scope="col">Operation</th>
                    <th scope="col">Request</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((r) => (
                    <tr key={r.id} data-testid="audit-row">
                      <td>{new Date(r.at).toLocaleString()}</td>
                      <td>{r.username ?? "—"}</td>
                      <td>{r.address}</td>
                      <td>{r.action}</td>
                      <td>
                        {r.method} {r.path}
                      </td>
                      <td className={r.outcome === "ok" ? "ok" : "bad"}>
                        {r.outcome} ({r.status}){r.message ? `: ${r.message}` : ""}
                      </td>
                      <td>
                        {r.detail && Object.keys(r.detail as object).length > 0 ? (
                          <details>
                            <summary>Show</summary>
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
