"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { SearchBar } from "@/components/find-list/search-bar.tsx";
import { ListStatus } from "@/components/find-list/list-status.tsx";
import { Pager } from "@/components/find-list/pager.tsx";
import { SortHeader } from "@/components/find-list/sort-header.tsx";
import { NoGroupFlag } from "@/components/inventory/no-group-flag.tsx";
import { useListParams } from "@/components/find-list/use-list-params.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { Page } from "@/lib/schemas/find-list.ts";
import { NODE_SEARCH_FIELDS, nodeListQuery, type NodeView } from "@/lib/schemas/nodes.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { useReplicationMeaning } from "./use-replication-meaning.ts";

export function ServerList() {
  const t = useTranslations("servers");
  const meaning = useReplicationMeaning();
  const may = useCan("inventory");
  const router = useRouter();
  const { params, update, queryString } = useListParams(nodeListQuery);
  const nodes = useQuery({
    queryKey: ["nodes", queryString],
    queryFn: () => api<Page<NodeView>>(`/api/nodes?${queryString}`),
    placeholderData: keepPreviousData,
  });
  const onSort = (sort: typeof params.sort) => update({ sort, page: 1 });

  return (
    <>
      <RoleNotice permission="inventory" />
      <PageTitle
        title={t("title.list")}
        toolbar={
          <button type="button" onClick={() => router.push("/system/server/new")} disabled={!may.allowed} title={may.why}>
            {t("list.addNew")}
          </button>
        }
      />
      <ListStatus list={nodes} />
      <Section title={t("list.section")}>
        <SearchBar
          title={t("list.searchTitle")}
          fields={{ hostName: t("list.field.hostName"), softwareVersion: t("list.field.softwareVersion") } satisfies Record<keyof typeof NODE_SEARCH_FIELDS, string>}
          field={params.field}
          match={params.match}
          q={params.q}
          onFind={(search) => update({ ...search, page: 1 })}
        />
        {nodes.data && nodes.data.total === 0 ? (
          <p className="empty">{t("list.empty")}</p>
        ) : (
          <TableScroll label={t("list.tableLabel")}>
            <table className="list">
              <thead>
                <tr>
                  <SortHeader column="hostName" sort={params.sort} onSort={onSort}>{t("list.column.hostName")}</SortHeader>
                  <SortHeader column="softwareVersion" sort={params.sort} onSort={onSort}>{t("list.column.softwareVersion")}</SortHeader>
                  <th>{t("list.column.cluster")}</th>
                  <th>{t("list.column.publisher")}</th>
                  <SortHeader column="replicationState" sort={params.sort} onSort={onSort}>{t("list.column.replication")}</SortHeader>
                  <SortHeader column="group" sort={params.sort} onSort={onSort}>{t("list.column.group")}</SortHeader>
                </tr>
              </thead>
              <tbody>
                {nodes.data?.items.map((node) => (
                  <tr key={node.id}>
                    <td>
                      <Link href={`/system/server/${node.id}`}>{node.hostName}</Link>
                    </td>
                    <td>{node.softwareVersion}</td>
                    <td>{node.cluster.name}</td>
                    <td>{node.isPublisher ? t("common.yes") : t("common.no")}</td>
                    <td title={meaning(node.replicationState, node.replicationMeaning)}>
                      {t("common.replicationValue", { state: String(node.replicationState), meaning: meaning(node.replicationState, node.replicationMeaning) })}
                    </td>
                    <td>{node.inGroup ? node.group?.name : <NoGroupFlag />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {nodes.data && (
          <Pager page={params.page} pageSize={params.pageSize} total={nodes.data.total} onChange={update} />
        )}
      </Section>
    </>
  );
}
