"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Pager } from "@/components/find-list/pager.tsx";
import { api } from "@/lib/client/api.ts";
import type { eventPageSchema } from "@/lib/schemas/ha.ts";
import type { z } from "zod";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { useEventText, type StoredMessage } from "./use-event-text.ts";

/** The event kinds to filter by, each with its label in the ha catalogue. */
const KINDS = { "": "history.kinds.all", state: "history.kinds.state", action: "history.kinds.action", fault: "history.kinds.fault", service: "history.kinds.service", warning: "history.kinds.warning", parameter: "history.kinds.parameter" } as const;

/** The page of history rows, with the message keys the answer carries beside the English. */
type Page = z.infer<typeof eventPageSchema>;
type Rows = Omit<Page, "items"> & { items: (Page["items"][number] & StoredMessage)[] };

/** The history, newest first, filterable by kind and text. */
export function EventHistory({ groupId, pageSize = 25 }: { groupId?: number; pageSize?: number }) {
  const t = useTranslations("ha");
  const text = useEventText();
  const format = useFormatter();
  const [kind, setKind] = useState<keyof typeof KINDS>("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  const qs = new URLSearchParams({ page: String(page), pageSize: String(size) });
  if (groupId) qs.set("group", String(groupId));
  if (kind) qs.set("kind", kind);
  if (q) qs.set("q", q);
  const events = useQuery({
    queryKey: ["events", qs.toString()],
    queryFn: () => api<Rows>(`/api/events?${qs}`),
    placeholderData: keepPreviousData,
  });

  return (
    <div data-testid="event-history">
      <div className="search-bar">
        <label>
          {t("history.show")}{" "}
          <select value={kind} onChange={(e) => { setKind(e.target.value as keyof typeof KINDS); setPage(1); }}>
            {Object.entries(KINDS).map(([k, label]) => (
              <option key={k} value={k}>{t(label)}</option>
            ))}
          </select>
        </label>
        <input aria-label={t("history.filter")} placeholder={t("history.filterPlaceholder")} value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
      </div>
      <TableScroll label={t("history.label")}>
        <table className="list compact">
          <thead>
            <tr>
              <th>{t("history.time")}</th>
              <th>{t("history.kind")}</th>
              <th>{t("history.event")}</th>
              <th>{t("history.from")}</th>
              <th>{t("history.to")}</th>
              <th>{t("history.by")}</th>
            </tr>
          </thead>
          <tbody>
            {events.data?.items.map((e) => (
              <tr key={e.id}>
                <td>{format.dateTime(new Date(e.at), { dateStyle: "short", timeStyle: "medium" })}</td>
                <td>{e.kind in KINDS ? t(KINDS[e.kind as keyof typeof KINDS]) : e.kind}</td>
                <td>{text.message(e)}</td>
                <td>{e.fromState ? text.stateAndReason(e.fromState) : e.fromState}</td>
                <td>{e.toState ? text.stateAndReason(e.toState) : e.toState}</td>
                <td>{e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {events.data && events.data.total === 0 && <p className="empty">{t("history.empty")}</p>}
      {events.data && (
        <Pager page={page} pageSize={size} total={events.data.total} onChange={(c) => { if (c.page) setPage(c.page); if (c.pageSize) setSize(c.pageSize); }} />
      )}
    </div>
  );
}
