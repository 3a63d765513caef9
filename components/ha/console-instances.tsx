"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api } from "@/lib/client/api.ts";
import type { ConsoleInstancesView } from "@/lib/schemas/cluster.ts";

/** Instances are seen by their lease checks every second or so; a slower refresh is enough to list them. */
const REFRESH_MS = 5000;

/** The console processes on this database and which one runs the HA controller (lib/cluster). */
export function ConsoleInstances() {
  const t = useTranslations("ha");
  const format = useFormatter();
  const when = (at: string | number) => format.dateTime(new Date(at), { dateStyle: "short", timeStyle: "medium" });
  const view = useQuery({
    queryKey: ["console-instances"],
    queryFn: () => api<ConsoleInstancesView>("/api/console-instances"),
    refetchInterval: REFRESH_MS,
  });
  const data = view.data;
  if (!data) return null;
  if (data.database === "embedded") {
    return <p data-testid="console-instances">{t("instances.embedded")}</p>;
  }
  return (
    <div data-testid="console-instances">
      <p>
        {data.lease
          ? t("instances.leader", { holder: data.lease.holder, since: when(data.lease.since), token: data.lease.fencingToken })
          : t("instances.noLeader")}
      </p>
      <TableScroll label={t("instances.label")}>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t("instances.instance")}</th>
            <th scope="col">{t("instances.host")}</th>
            <th scope="col">{t("instances.process")}</th>
            <th scope="col">{t("instances.role")}</th>
            <th scope="col">{t("instances.started")}</th>
            <th scope="col">{t("instances.lastSeen")}</th>
          </tr>
        </thead>
        <tbody>
          {data.instances.map((i) => (
            <tr key={i.id}>
              <td>
                {i.id}
                {i.id === data.self ? t("instances.self") : ""}
              </td>
              <td>{i.hostName}</td>
              <td>{i.pid}</td>
              <td>{i.leading ? t("instances.leading", { token: data.lease?.fencingToken ?? "?" }) : t("instances.follower")}</td>
              <td>{when(i.startedAt)}</td>
              <td>{when(i.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </div>
  );
}
