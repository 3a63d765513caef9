"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { Status } from "@/components/forms/status-line.tsx";
import { ListStatus } from "@/components/find-list/list-status.tsx";
import { Pager } from "@/components/find-list/pager.tsx";
import { deleteEach, SelectionButtons, useSelection } from "@/components/find-list/selection.tsx";
import { SearchBar } from "@/components/find-list/search-bar.tsx";
import { SortHeader } from "@/components/find-list/sort-header.tsx";
import { useListParams } from "@/components/find-list/use-list-params.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import { deleteWarnings } from "@/lib/domain/groups.ts";
import type { Page } from "@/lib/schemas/find-list.ts";
import { GROUP_SEARCH_FIELDS, groupListQuery, type GroupListItem } from "@/lib/schemas/groups.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

const BASE = "/system/presence-redundancy-groups";

function confirmText(groups: GroupListItem[]): string {
  const lines = [`You are about to permanently delete ${groups.length} Presence Redundancy Group${groups.length === 1 ? "" : "s"}: ${groups.map((g) => g.name).join(", ")}.`];
  for (const g of groups) for (const w of deleteWarnings(g)) lines.push(`Warning: ${g.name}: ${w}.`);
  lines.push("This action cannot be undone. Continue?");
  return lines.join("\n");
}

export function GroupList() {
  const may = useCan("inventory");
  const router = useRouter();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const { params, update, queryString } = useListParams(groupListQuery);
  const groups = useQuery({
    queryKey: ["groups", queryString],
    queryFn: () => api<Page<GroupListItem>>(`/api/groups?${queryString}`),
    placeholderData: keepPreviousData,
  });
  const deleted = search.get("deleted");
  const [status, setStatus] = useState<Status>(deleted ? { kind: "ok", text: `Delete successful: ${deleted}` } : null);
  const items = groups.data?.items ?? [];
  const selection = useSelection(items);
  const onSort = (sort: typeof params.sort) => update({ sort, page: 1 });

  async function deleteSelected() {
    const chosen = selection.chosen;
    if (chosen.length === 0 || !window.confirm(confirmText(chosen))) return;
    const { done, failures } = await deleteEach(
      chosen,
      (g) => api(`/api/groups/${g.id}?version=${g.version}`, { method: "DELETE" }),
      (g) => g.name,
    );
    selection.clear();
    await queryClient.invalidateQueries({ queryKey: ["groups"] });
    await queryClient.invalidateQueries({ queryKey: ["nodes"] });
    setStatus(
      failures.length
        ? { kind: "error", text: `${done} deleted; not deleted: ${failures.join("; ")}` }
        : { kind: "ok", text: `Delete successful: ${done} Presence Redundancy Group${done === 1 ? "" : "s"} deleted` },
    );
  }

  const toolbar = (
    <>
      <button type="button" onClick={() => router.push(`${BASE}/new`)} disabled={!may.allowed} title={may.why}>
        Add New
      </button>
      <SelectionButtons selection={selection} empty={items.length === 0} onDelete={deleteSelected} refused={may.why} />
    </>
  );

  return (
    <>
      <RoleNotice permission="inventory" />
      <PageTitle title="Find and List Presence Redundancy Groups" toolbar={toolbar} />
      <ListStatus status={status} list={groups} />
      <Section title="Presence Redundancy Group">
        <SearchBar
          title="Presence Redundancy Groups"
          fields={GROUP_SEARCH_FIELDS}
          field={params.field}
          match={params.match}
          q={params.q}
          onFind={(s) => {
            selection.clear();
            update({ ...s, page: 1 });
          }}
        />
        {groups.data && groups.data.total === 0 ? (
          <p className="empty">No Presence Redundancy Groups match the search.</p>
        ) : (
          <TableScroll label="Presence Redundancy Groups">
            <table className="list">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">Select</span>
                  </th>
                  <SortHeader column="name" sort={params.sort} onSort={onSort}>Name</SortHeader>
                  <SortHeader column="description" sort={params.sort} onSort={onSort}>Description</SortHeader>
                  <SortHeader column="server1" sort={params.sort} onSort={onSort}>Presence Server 1</SortHeader>
                  <SortHeader column="server2" sort={params.sort} onSort={onSort}>Presence Server 2</SortHeader>
                  <SortHeader column="haEnabled" sort={params.sort} onSort={onSort}>High Availability</SortHeader>
                  <SortHeader column="users" sort={params.sort} onSort={onSort}>Assigned Users</SortHeader>
                </tr>
              </thead>
              <tbody>
                {items.map((g) => (
                  <tr key={g.id}>
                    <td>
                      <input type="checkbox" aria-label={`Select ${g.name}`} checked={selection.has(g.id)} onChange={() => selection.toggle(g.id)} />
                    </td>
                    <td>
                      <Link href={`${BASE}/${g.id}`}>{g.name}</Link>
                    </td>
                    <td>{g.description}</td>
                    <td>{g.server1?.hostName ?? ""}</td>
                    <td>{g.server2?.hostName ?? ""}</td>
                    <td>{g.haEnabled ? `Enabled${g.haState && g.haState !== "Normal" ? ` (${g.haState})` : ""}` : "Disabled"}</td>
                    <td>{g.userCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {groups.data && <Pager page={params.page} pageSize={params.pageSize} total={groups.data.total} onChange={update} />}
      </Section>
    </>
  );
}
