"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { SERVICE_NAMES } from "@/lib/domain/services.ts";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import { FAULTS } from "@/lib/schemas/ha.ts";
import { useHaLabels } from "@/components/ha/use-ha-labels.ts";
import type { WhatIfInput } from "@/lib/schemas/planning.ts";
import type { Preview } from "@/lib/whatif/preview.ts";

type Choice = "failover" | "fallback" | "recover" | "fault";

/** What-if: the SRM machine run on a copy of the group shows what an action or a fault would do, before it is done. */
export function WhatIfPanel({ status }: { status: HaStatusView }) {
  const t = useTranslations("planning");
  const ha = useTranslations("ha");
  const format = useFormatter();
  const labels = useHaLabels();
  const [choice, setChoice] = useState<Choice>("failover");
  const [node, setNode] = useState<number>(status.nodes[0]?.id ?? 0);
  const [fault, setFault] = useState<(typeof FAULTS)[number]>("service-crash");
  const [service, setService] = useState("Cisco Presence Engine");
  const host = (id: number) => status.nodes.find((n) => n.id === id)?.hostName ?? t("whatIf.nodeFallback", { id: String(id) });
  const preview = useMutation({
    mutationFn: () => {
      const body: WhatIfInput =
        choice === "recover"
          ? { kind: "action", action: "recover" }
          : choice === "fault"
            ? { kind: "fault", node, fault, ...(fault === "service-crash" ? { service } : {}) }
            : { kind: "action", action: choice, node };
      return api<Preview>(`/api/groups/${status.groupId}/preview`, { method: "POST", body });
    },
  });
  const p = preview.data;
  const offset = (at: number) => t("whatIf.offset", { seconds: format.number(Math.round((at - p!.from) / 100) / 10) });

  return (
    <section aria-labelledby="whatif-heading" data-testid="what-if">
      <h3 id="whatif-heading">{t("whatIf.heading")}</h3>
      <div className="inline-form">
        <label>
          {t("whatIf.change")}{" "}
          <select className="planning-select" value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
            <option value="failover">{ha("button.failover")}</option>
            <option value="fallback">{ha("button.fallback")}</option>
            <option value="recover">{ha("button.recover")}</option>
            <option value="fault">{t("whatIf.labFault")}</option>
          </select>
        </label>{" "}
        {choice !== "recover" && (
          <label>
            {t("whatIf.node")}{" "}
            <select className="planning-select" value={node} onChange={(e) => setNode(Number(e.target.value))}>
              {status.nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.hostName}
                </option>
              ))}
            </select>
          </label>
        )}{" "}
        {choice === "fault" && (
          <label>
            {t("whatIf.fault")}{" "}
            <select className="planning-select" value={fault} onChange={(e) => setFault(e.target.value as typeof fault)}>
              {FAULTS.map((f) => (
                <option key={f} value={f}>
                  {ha(`lab.fault.${f}`)}
                </option>
              ))}
            </select>
          </label>
        )}{" "}
        {choice === "fault" && fault === "service-crash" && (
          <label>
            {t("whatIf.service")}{" "}
            <select className="planning-select" value={service} onChange={(e) => setService(e.target.value)}>
              {SERVICE_NAMES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}{" "}
        <button type="button" onClick={() => preview.mutate()} disabled={preview.isPending}>
          {t("whatIf.preview")}
        </button>
      </div>
      {preview.isError && (
        <p className="status-error" role="status">
          {preview.error instanceof ApiClientError ? preview.error.message : t("whatIf.failed")}
        </p>
      )}
      {p && (
        <div data-testid="preview-result" role="status" aria-atomic="false">
          {!p.allowed ? (
            <p className="status-warn">{t("whatIf.notAllowed", { refusal: p.refusal ?? "" })}</p>
          ) : (
            <>
              <TableScroll label={t("whatIf.label")}>
                <table className="list">
                  <thead>
                    <tr>
                      <th>{t("whatIf.labTime")}</th>
                      {status.nodes.map((n) => (
                        <th key={n.id}>{n.hostName}</th>
                      ))}
                      <th>{t("whatIf.table2")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.situations.map((s, i) => (
                      <tr key={i}>
                        <td>{i === 0 ? t("whatIf.now") : offset(s.at)}</td>
                        {s.nodes.map((n) => (
                          <td key={n.nodeId}>
                            {n.reason ? t("whatIf.stateReason", { state: labels.state(n.state), reason: labels.reason(n.reason) }) : labels.state(n.state)}
                            {n.unreachable && t("whatIf.unreachable")}
                          </td>
                        ))}
                        <td>
                          {s.row
                            ? t("whatIf.row", { row: String(s.row), action: ha.has(`table2.row${s.row}`) ? ha(`table2.row${s.row}`) : (s.recommendedAction ?? "") })
                            : ""}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <p>
                {p.userMoves.length === 0
                  ? t("whatIf.noMoves")
                  : t("whatIf.moves", {
                      moves: p.userMoves.map((m) => t("whatIf.move", { at: offset(m.at), users: format.number(m.users), from: host(m.from), to: host(m.to) })).join("; "),
                    })}
              </p>
              <p>
                {t("whatIf.buttonsAfter", {
                  buttons:
                    [
                      ...p.allowedAfter.failover.map((id) => t("whatIf.buttonOn", { button: ha("button.failover"), host: host(id) })),
                      ...p.allowedAfter.fallback.map((id) => t("whatIf.buttonOn", { button: ha("button.fallback"), host: host(id) })),
                      ...(p.allowedAfter.recover ? [ha("button.recover")] : []),
                    ].join(", ") || t("whatIf.buttonNone"),
                })}
                {!p.settled && t("whatIf.timers")}
              </p>
              <p className="hint">{t("whatIf.computed")}</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
