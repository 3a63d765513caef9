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
import { useClientKindLabels } from "./client-kind-labels.ts";

export const USERS_BASE = "/user-management/end-users";

function confirmText(t: ReturnType<typeof useTranslations<"users">>, users: UserView[]): string {
  return [t("list.confirmDelete", { count: users.length, names: users.map((u) => u.userId).join(", ") }), t("list.cannotUndo")].join("\n");
}

export function UserList() {
  const t = useTranslations("users");
  const common = useTranslations("common");
  const clientKinds = useClientKindLabels();
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
    if (chosen.length === 0 || !window.confirm(confirmText(t, chosen))) return;
    const { done, failures } = await deleteEach(chosen, (u) => api(`/api/users/${u.id}`, { method: "DELETE" }), (u) => u.userId, (name) => common("list.deleteFailed", { name }));
    selection.clear();
    await queryClient.invalidateQueries({ queryKey: ["users"] });
    setStatus(
      failures.length
        ? { kind: "error", text: t("list.deletedSome", { done, failures: failures.join("; ") }) }
        : { kind: "ok", text: t("list.deletedCount", { count: done }) },
    );
  }

  const toolbar = (
    <>
      <button type="button" onClick={() => router.push(`${USERS_BASE}/new`)} disabled={!may.allowed} title={may.why}>
        {t("list.addNew")}
      </button>
      <button type="button" onClick={() => router.push(`${USERS_BASE}/import`)} disabled={!may.allowed} title={may.why}>
        {t("list.importUsers")}
      </button>
      <SelectionButtons selection={selection} empty={items.length === 0} onDelete={deleteSelected} refused={may.why} />
    </>
  );

  return (
    <>
      <RoleNotice permission="end_users" />
      <PageTitle title={t("title.list")} toolbar={toolbar} />
      <ListStatus status={status} list={users} />
      <Section title={t("list.section")}>
        <SearchBar
          title={t("list.searchTitle")}
          fields={
            {
              userId: t("list.field.userId"),
              name: t("list.field.name"),
              cluster: t("list.field.cluster"),
              assignedNode: t("list.field.assignedNode"),
            } satisfies Record<keyof typeof USER_SEARCH_FIELDS, string>
          }
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
          <p className="empty">{t("list.empty")}</p>
        ) : (
          <TableScroll label={t("list.tableLabel")}>
            <table className="list">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">{t("list.select")}</span>
                  </th>
                  <SortHeader column="userId" sort={params.sort} onSort={onSort}>{t("list.column.userId")}</SortHeader>
                  <th>{t("list.column.firstName")}</th>
                  <SortHeader column="name" sort={params.sort} onSort={onSort}>{t("list.column.lastName")}</SortHeader>
                  <SortHeader column="cluster" sort={params.sort} onSort={onSort}>{t("list.column.cluster")}</SortHeader>
                  <SortHeader column="assignedNode" sort={params.sort} onSort={onSort}>{t("list.column.assignedNode")}</SortHeader>
                  <SortHeader column="servingNode" sort={params.sort} onSort={onSort}>{t("list.column.servingNode")}</SortHeader>
                  <SortHeader column="signedIn" sort={params.sort} onSort={onSort}>{t("list.column.signedIn")}</SortHeader>
                  <th>{t("list.column.client")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr key={u.id} data-testid={`user-row-${u.userId}`}>
                    <td>
                      <input type="checkbox" aria-label={t("list.selectRow", { name: u.userId })} checked={selection.has(u.id)} onChange={() => selection.toggle(u.id)} />
                    </td>
                    <td>{u.userId}</td>
                    <td>{u.firstName}</td>
                    <td>{u.lastName}</td>
                    <td>{u.cluster.name}</td>
                    <td>{u.assignedNode?.hostName ?? <span className="empty">{t("list.unassigned")}</span>}</td>
                    <td>
                      {u.servingNode?.hostName ?? ""}
                      {u.servingNode && u.assignedNode && u.servingNode.id !== u.assignedNode.id && <span className="status-warn">{t("list.failedOver")}</span>}
                    </td>
                    <td>{u.signedIn ? t("list.yes") : t("list.no")}</td>
                    <td data-testid="user-client">
                      {clientKinds[u.client.kind]}
                      {u.client.secure ? "" : t("list.unrestricted")}
                      {u.client.secure && u.client.kind !== "ios-background" && !u.client.dual ? t("list.dualOff") : ""}
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
