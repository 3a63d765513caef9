"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { api } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import { heartbeatRefetchInterval, useLabNow } from "./live.tsx";
import { ClientCounters } from "@/components/clients/client-counters.tsx";
import { OutageReports } from "@/components/clients/outage-reports.tsx";
import { NodeStatusTable } from "./node-status-table.tsx";
import { useCan } from "@/components/shell/role.tsx";
import { DrillsPanel } from "@/components/planning/drills.tsx";
import { ScheduledActions } from "@/components/planning/scheduled-actions.tsx";
import { WhatIfPanel } from "@/components/planning/what-if.tsx";

export function useGroupHa(groupId: number | null) {
  return useQuery({
    queryKey: ["ha", "group", groupId],
    queryFn: () => api<HaStatusView>(`/api/groups/${groupId}/ha`),
    enabled: groupId !== null,
    refetchInterval: (query) => heartbeatRefetchInterval(query.state.data),
  });
}

/** The High Availability section of the group configuration page. */
export function HaPanel({ groupId }: { groupId: number }) {
  const t = useTranslations("ha");
  const format = useFormatter();
  const ha = useGroupHa(groupId);
  const { now, speed } = useLabNow();
  // Planning (preview, schedule, drills) is the first half of acting: shown to the roles that may act.
  const mayPlan = useCan("ha_actions").allowed;
  if (ha.isError) return <p className="status-error">{ha.error.message}</p>;
  if (!ha.data) return <p>{t("loading")}</p>;
  return (
    <>
      {now !== null && (
        <p className="hint" data-testid="lab-time">
          {t("labTime", { time: format.dateTime(now, { dateStyle: "medium", timeStyle: "medium" }), speed: format.number(speed), mode: speed === 1 ? "real" : "rehearsal" })}
        </p>
      )}
      <NodeStatusTable status={ha.data} />
      <ClientCounters groupId={groupId} groupName={ha.data.groupName} />
      <h3>{t("outageReports")}</h3>
      <OutageReports groupId={groupId} />
      {mayPlan && ha.data.haEnabled && ha.data.groupId !== null && (
        <>
          <WhatIfPanel status={ha.data} />
          <ScheduledActions status={ha.data} />
          <DrillsPanel status={ha.data} />
        </>
      )}
    </>
  );
}
