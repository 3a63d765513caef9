"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { NoGroupFlag } from "@/components/inventory/no-group-flag.tsx";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { haOverviewSchema } from "@/lib/schemas/ha.ts";
import type { NodeInNoGroup } from "@/lib/schemas/nodes.ts";
import type { z } from "zod";
import { ConsoleInstances } from "./console-instances.tsx";
import { EventHistory } from "./event-history.tsx";
import { LabSettingsForm } from "./lab-settings-form.tsx";
import { heartbeatRefetchInterval, useLabNow, useLiveConnected } from "./live.tsx";
import { ClientCounters } from "@/components/clients/client-counters.tsx";
import { NodeStatusTable } from "./node-status-table.tsx";
import { useHaLabels } from "./use-ha-labels.ts";

type Overview = z.infer<typeof haOverviewSchema> & { nodesInNoGroup: NodeInNoGroup[] };

function counters(groups: Overview["groups"]) {
  const nodes = groups.flatMap((g) => g.nodes);
  const byState = new Map<string, number>();
  for (const g of groups.filter((x) => x.haEnabled)) for (const n of g.nodes) byState.set(n.state, (byState.get(n.state) ?? 0) + 1);
  return {
    groups: groups.length,
    haGroups: groups.filter((g) => g.haEnabled).length,
    nodes: nodes.length,
    running: nodes.filter((n) => n.power === "ON" && n.srmRunning).length,
    users: nodes.reduce((a, n) => a + n.users.assigned, 0),
    active: nodes.reduce((a, n) => a + n.users.active, 0),
    byState: [...byState.entries()].sort(),
  };
}

/** Every group and node at once, with counters and the latest events. */
export function HaOverview() {
  const t = useTranslations("ha");
  const tShell = useTranslations("shell");
  const labels = useHaLabels();
  const format = useFormatter();
  const overview = useQuery({
    queryKey: ["ha", "overview"],
    queryFn: () => api<Overview>("/api/ha"),
    refetchInterval: (query) => heartbeatRefetchInterval(query.state.data),
  });
  const { now, speed } = useLabNow();
  const connected = useLiveConnected();
  const c = overview.data ? counters(overview.data.groups) : null;

  return (
    <>
      <PageTitle title={tShell("menu.haStatus")} />
      <Section title={t("overview.status")}>
        <p data-testid="live-indicator" className={connected ? "status-ok" : "status-warn"}>
          {connected ? t("overview.live") : t("overview.connecting")}
          {now !== null && t("overview.labTime", { time: format.dateTime(now, { dateStyle: "medium", timeStyle: "medium" }), speed: format.number(speed) })}
        </p>
        {c && (
          <ul className="counters" data-testid="ha-counters">
            <li>{t("overview.groups", { groups: c.groups, ha: c.haGroups })}</li>
            <li>{t("overview.running", { running: c.running, nodes: c.nodes })}</li>
            <li>{t("overview.users", { users: c.users, active: c.active })}</li>
            {c.byState.map(([state, count]) => (
              <li key={state}>{t("overview.byState", { count, state: labels.state(state) })}</li>
            ))}
          </ul>
        )}
      </Section>
      {overview.data?.groups.map((g) => (
        <Section key={g.groupId} title={g.haEnabled ? g.groupName : t("overview.haOff", { group: g.groupName })}>
          <p>
            <Link href={`/system/presence-redundancy-groups/${g.groupId}`}>{t("overview.open")}</Link>
          </p>
          <NodeStatusTable status={g} />
          {g.groupId !== null && <ClientCounters groupId={g.groupId} groupName={g.groupName} />}
        </Section>
      ))}
      {overview.data && overview.data.nodesInNoGroup.length > 0 && (
        <Section title={t("overview.noGroup")}>
          <ul data-testid="ha-nodes-in-no-group">
            {overview.data.nodesInNoGroup.map((n) => (
              <li key={n.id}>
                <Link href={`/system/server/${n.id}`}>{n.hostName}</Link> ({n.cluster}):
                <NoGroupFlag />
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t("overview.instances")}>
        <ConsoleInstances />
      </Section>
      <Section title={t("overview.events")}>
        <EventHistory pageSize={25} />
      </Section>
      <Section title={t("overview.lab")}>
        <LabSettingsForm />
      </Section>
    </>
  );
}
