"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Pager } from "@/components/find-list/pager.tsx";
import { api } from "@/lib/client/api.ts";
import type { eventPageSchema } from "@/lib/schemas/ha.ts";
import type { z } from "zod";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

const KINDS = { "": "All", state: "State changes", action: "Admin actions", fault: "Lab faults", service: "Services", warning: "Warnings", parameter: "Parameters" } as const;

/** The history, newest first, filterable by kind and text. */
export function EventHistory({ groupId, pageSize = 25 }: { groupId?: number; pageSize?: number }) {
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
    queryFn: () => api<z.infer<typeof eventPageSchema>>(`/api/events?${qs}`),
    placeholderData: keepPreviousData,
  });

  return (
    <div data-testid="event-history">
      <div className="search-bar">
        <label>
          Show{" "}
          <select value={kind} onChange={(e) => { setKind(e.target.value as keyof typeof KINDS); setPage(1); }}>
            {Object.entries(KINDS).map(([k, label]) => (
              <option key={k} value={k}>{label}</option>
            ))}
          </select>
        </label>
        <input aria-label="Filter events" placeholder="text contains" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
      </div>
      <TableScroll label="Event history">
        <table className="list compact">
          <thead>
            <tr>
              <th>Time (lab)</th>
              <th>Kind</th>
              <th>Event</th>
              <th>From</th>
              <th>To</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            {events.data?.items.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.kind}</td>
                <td>{e.message}</td>
                <td>{e.fromState}</td>
                <td>{e.toState}</td>
                <td>{e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {events.data && events.data.total === 0 && <p className="empty">No events.</p>}
      {events.data && (
        <Pager page={page} pageSize={size} total={events.data.total} onChange={(c) => { if (c.page) setPage(c.page); if (c.pageSize) setSize(c.pageSize); }} />
      )}
    </div>
  );
}
