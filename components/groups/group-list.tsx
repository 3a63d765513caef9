"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
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
import { useMessage } from "@/components/forms/use-message.ts";
import type { MessageRef } from "@/lib/http/errors.ts";
import { useHaSummaryLabel } from "./use-ha-summary-label.ts";
import { STATE } from "@/lib/ha/names.ts";

const BASE = "/system/presence-redundancy-groups";

function confirmText(
  t: ReturnType<typeof useTranslations<"groups">>,
  message: (ref: MessageRef) => string,
  haSummary: (summary: string) => string,
  groups: GroupListItem[],
): string {
  const lines = [t("list.confirmDelete", { count: groups.length, names: groups.map((g) => g.name).join(", ") })];
  for (const g of groups) for (const w of deleteWarnings(g, haSummary)) lines.push(t("list.warning", { name: g.name, warning: message(w) }));
  lines.push(t("list.cannotUndo"));
  return lines.join("\n");
}

export function GroupList() {
  const t = useTranslations("groups");
  const common = useTranslations("common");
  const format = useFormatter();
  const haSummary = useHaSummaryLabel();
  const message = useMessage();
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
  const [status, setStatus] = useState<Status>(deleted ? { kind: "ok", text: t("list.deletedName", { name: deleted }) } : null);
  const items = groups.data?.items ?? [];
  const selection = useSelection(items);
  const onSort = (sort: typeof params.sort) => update({ sort, page: 1 });

  async function deleteSelected() {
    const chosen = selection.chosen;
    if (chosen.length === 0 || !window.confirm(confirmText(t, message, haSummary, chosen))) return;
    const { done, failures } = await deleteEach(
      chosen,
      (g) => api(`/api/groups/${g.id}?version=${g.version}`, { method: "DELETE" }),
      (g) => g.name,
      (name) => common("list.deleteFailed", { name }),
    );
    selection.clear();
    await queryClient.invalidateQueries({ queryKey: ["groups"] });
    await queryClient.invalidateQueries({ queryKey: ["nodes"] });
    setStatus(
      failures.length
        ? { kind: "error", text: t("list.deletedSome", { done, failures: failures.join("; ") }) }
        : { kind: "ok", text: t("list.deletedCount", { count: done }) },
    );
  }

  const toolbar = (
    <>
      <button type="button" onClick={() => router.push(`${BASE}/new`)} disabled={!may.allowed} title={may.why}>
        {t("list.addNew")}
      </button>
      <SelectionButtons selection={selection} empty={items.length === 0} onDelete={deleteSelected} refused={may.why} />
    </>
  );

  return (
    <>
      <RoleNotice permission="inventory" />
      <PageTitle title={t("title.list")} toolbar={toolbar} />
      <ListStatus status={status} list={groups} />
      <Section title={t("list.section")}>
        <SearchBar
          title={t("list.searchTitle")}
          fields={{ name: t("list.column.name"), description: t("list.column.description") } satisfies Record<keyof typeof GROUP_SEARCH_FIELDS, string>}
          field={params.field}
          match={params.match}
          q={params.q}
          onFind={(s) => {
            selection.clear();
            update({ ...s, page: 1 });
          }}
        />
        {groups.data && groups.data.total === 0 ? (
          <p className="empty">{t("list.empty")}</p>
        ) : (
          <TableScroll label={t("list.searchTitle")}>
            <table className="list">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">{t("list.select")}</span>
                  </th>
                  <SortHeader column="name" sort={params.sort} onSort={onSort}>{t("list.column.name")}</SortHeader>
                  <SortHeader column="description" sort={params.sort} onSort={onSort}>{t("list.column.description")}</SortHeader>
                  <SortHeader column="server1" sort={params.sort} onSort={onSort}>{t("list.column.server1")}</SortHeader>
                  <SortHeader column="server2" sort={params.sort} onSort={onSort}>{t("list.column.server2")}</SortHeader>
                  <SortHeader column="haEnabled" sort={params.sort} onSort={onSort}>{t("list.column.ha")}</SortHeader>
                  <SortHeader column="users" sort={params.sort} onSort={onSort}>{t("list.column.users")}</SortHeader>
                </tr>
              </thead>
              <tbody>
                {items.map((g) => (
                  <tr key={g.id}>
                    <td>
                      <input type="checkbox" aria-label={t("list.selectRow", { name: g.name })} checked={selection.has(g.id)} onChange={() => selection.toggle(g.id)} />
                    </td>
                    <td>
                      <Link href={`${BASE}/${g.id}`}>{g.name}</Link>
                    </td>
                    <td>{g.description}</td>
                    <td>{g.server1?.hostName ?? ""}</td>
                    <td>{g.server2?.hostName ?? ""}</td>
                    <td>{g.haEnabled ? (g.haState && g.haState !== STATE.NORMAL ? t("list.haEnabledState", { state: haSummary(g.haState) }) : t("list.haEnabled")) : t("list.haDisabled")}</td>
                    <td>{format.number(g.userCount)}</td>
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
