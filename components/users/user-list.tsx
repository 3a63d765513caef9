"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ListStatus } from "@/components/find-list/list-status.tsx";
import { Pager } from "@/components/find-list/pager.tsx";
import { deleteEach, SelectionButtons, useSelection } from "@/components/find-list/selection.tsx";
import { SearchBar } from "@/components/find-list/search-bar.tsx";
import { SortHeader } from "@/components/find-list/sort-header.tsx";
import { useListParams } from "@/components/find-list/use-list-params.ts";
import type { Status } from "@/components/forms/status-line.tsx";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { Page } from "@/lib/schemas/find-list.ts";
import { USER_SEARCH_FIELDS, userListQuery, type UserView } from "@/lib/schemas/users.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { ClientBulkForm } from "@/components/clients/client-bulk-form.tsx";
import { CLIENT_KIND_LABELS } from "@/lib/schemas/clients.ts";

export const USERS_BASE = "/user-management/end-users";

function confirmText(users: UserView[]): string {
  const n = users.length;
  return [
    `You are about to permanently delete ${n} end user${n === 1 ? "" : "s"}: ${users.map((u) => u.userId).join(", ")}.`,
    "This action cannot be undone. Continue?",
  ].join("\n");
}

export function UserList() {
  const common = useTranslations("common");
  const may = useCan("end_users");
  const router = useRouter();
  const queryClient = useQueryClient();
  const { params, update, queryString } = useListParams(userListQuery);
  const users = useQuery({
    queryKey: ["users", queryString],
    queryFn: () => api<Page<UserView>>(`/api/users?${queryString}`),
    placeholderData: keepPreviousData,
  });
  const [status, setStatus] = useState<Status>(null);
  const items = users.data?.items ?? [];
  const selection = useSelection(items);
  const onSort = (sort: typeof params.sort) => update({ sort, page: 1 });

  async function deleteSelected() {
    const chosen = selection.chosen;
    if (chosen.length === 0 || !window.confirm(confirmText(chosen))) return;
    const { done, failures } = await deleteEach(chosen, (u) => api(`/api/users/${u.id}`, { method: "DELETE" }), (u) => u.userId, (name) => common("list.deleteFailed", { name }));
    selection.clear();
    await queryClient.invalidateQueries({ queryKey: ["users"] });
    setStatus(
      failures.length
        ? { kind: "error", text: `${done} deleted; not deleted: ${failures.join("; ")}` }
        : { kind: "ok", text: `Delete successful: ${done} end user${done === 1 ? "" : "s"} deleted` },
    );
  }

  const toolbar = (
    <>
      <button type="button" onClick={() => router.push(`${USERS_BASE}/new`)} disabled={!may.allowed} title={may.why}>
        Add New
      </button>
      <button type="button" onClick={() => router.push(`${USERS_BASE}/import`)} disabled={!may.allowed} title={may.why}>
        Import Users
      </button>
      <SelectionButtons selection={selection} empty={items.length === 0} onDelete={deleteSelected} refused={may.why} />
    </>
  );

  return (
    <>
      <RoleNotice permission="end_users" />
      <PageTitle title="Find and List Users" toolbar={toolbar} />
      <ListStatus status={status} list={users} />
      <Section title="User">
        <SearchBar
          title="users"
          fields={USER_SEARCH_FIELDS}
          field={params.field}
          match={params.match}
          q={params.q}
          onFind={(s) => {
            selection.clear();
            update({ ...s, page: 1 });
          }}
        />
        <ClientBulkForm
          ids={selection.chosen.map((u) => u.id)}
          onDone={(text, ok) => {
            setStatus({ kind: ok ? "ok" : "error", text });
            void queryClient.invalidateQueries({ queryKey: ["users"] });
          }}
        />
        {users.data && users.data.total === 0 ? (
          <p className="empty">No end users match the search.</p>
        ) : (
          <TableScroll label="End users">
            <table className="list">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">Select</span>
                  </th>
                  <SortHeader column="userId" sort={params.sort} onSort={onSort}>User ID</SortHeader>
                  <th>First Name</th>
                  <SortHeader column="name" sort={params.sort} onSort={onSort}>Last Name</SortHeader>
                  <SortHeader column="cluster" sort={params.sort} onSort={onSort}>Cluster</SortHeader>
                  <SortHeader column="assignedNode" sort={params.sort} onSort={onSort}>Assigned Node</SortHeader>
                  <SortHeader column="servingNode" sort={params.sort} onSort={onSort}>Serving Node</SortHeader>
                  <SortHeader column="signedIn" sort={params.sort} onSort={onSort}>Signed In</SortHeader>
                  <th>Client</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr key={u.id} data-testid={`user-row-${u.userId}`}>
                    <td>
                      <input type="checkbox" aria-label={`Select ${u.userId}`} checked={selection.has(u.id)} onChange={() => selection.toggle(u.id)} />
                    </td>
                    <td>{u.userId}</td>
                    <td>{u.firstName}</td>
                    <td>{u.lastName}</td>
                    <td>{u.cluster.name}</td>
                    <td>{u.assignedNode?.hostName ?? <span className="empty">Unassigned</span>}</td>
                    <td>
                      {u.servingNode?.hostName ?? ""}
                      {u.servingNode && u.assignedNode && u.servingNode.id !== u.assignedNode.id && <span className="status-warn"> (failed over)</span>}
                    </td>
                    <td>{u.signedIn ? "Yes" : "No"}</td>
                    <td data-testid="user-client">
                      {CLIENT_KIND_LABELS[u.client.kind]}
                      {u.client.secure ? "" : ", unrestricted"}
                      {u.client.secure && u.client.kind !== "ios-background" && !u.client.dual ? ", dual off" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {users.data && <Pager page={params.page} pageSize={params.pageSize} total={users.data.total} onChange={update} />}
      </Section>
    </>
  );
}
