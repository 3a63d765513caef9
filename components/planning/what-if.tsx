"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { SERVICE_NAMES } from "@/lib/domain/services.ts";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import { FAULT_LABELS, FAULTS } from "@/lib/schemas/ha.ts";
import type { WhatIfInput } from "@/lib/schemas/planning.ts";
import type { Preview } from "@/lib/whatif/preview.ts";

type Choice = "failover" | "fallback" | "recover" | "fault";

/** What-if: the SRM machine run on a copy of the group shows what an action or a fault would do, before it is done. */
export function WhatIfPanel({ status }: { status: HaStatusView }) {
  const [choice, setChoice] = useState<Choice>("failover");
  const [node, setNode] = useState<number>(status.nodes[0]?.id ?? 0);
  const [fault, setFault] = useState<(typeof FAULTS)[number]>("service-crash");
  const [service, setService] = useState("Cisco Presence Engine");
  const host = (id: number) => status.nodes.find((n) => n.id === id)?.hostName ?? `node ${id}`;
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
  const offset = (at: number) => `+${Math.round((at - p!.from) / 100) / 10} s`;

  return (
    <section aria-labelledby="whatif-heading" data-testid="what-if">
      <h3 id="whatif-heading">What if…</h3>
      <div className="inline-form">
        <label>
          Change{" "}
          <select className="planning-select" value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
            <option value="failover">Failover</option>
            <option value="fallback">Fallback</option>
            <option value="recover">Recover</option>
            <option value="fault">Lab fault</option>
          </select>
        </label>{" "}
        {choice !== "recover" && (
          <label>
            Node{" "}
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
            Fault{" "}
            <select className="planning-select" value={fault} onChange={(e) => setFault(e.target.value as typeof fault)}>
              {FAULTS.map((f) => (
                <option key={f} value={f}>
                  {FAULT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
        )}{" "}
        {choice === "fault" && fault === "service-crash" && (
          <label>
            Service{" "}
            <select className="planning-select" value={service} onChange={(e) => setService(e.target.value)}>
              {SERVICE_NAMES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}{" "}
        <button type="button" onClick={() => preview.mutate()} disabled={preview.isPending}>
          Preview
        </button>
      </div>
      {preview.isError && (
        <p className="status-error" role="status">
          {preview.error instanceof ApiClientError ? preview.error.message : "The preview failed"}
        </p>
      )}
      {p && (
        <div data-testid="preview-result" role="status" aria-atomic="false">
          {!p.allowed ? (
            <p className="status-warn">Not allowed now: {p.refusal}</p>
          ) : (
            <>
              <TableScroll label="Foreseen states">
                <table className="list">
                  <thead>
                    <tr>
                      <th>Lab time</th>
                      {status.nodes.map((n) => (
                        <th key={n.id}>{n.hostName}</th>
                      ))}
                      <th>Table 2</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.situations.map((s, i) => (
                      <tr key={i}>
                        <td>{i === 0 ? "now" : offset(s.at)}</td>
                        {s.nodes.map((n) => (
                          <td key={n.nodeId}>
                            {n.state}
                            {n.reason && ` / ${n.reason}`}
                            {n.unreachable && " (unreachable)"}
                          </td>
                        ))}
                        <td>{s.row ? `Row ${s.row}: ${s.recommendedAction}` : ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <p>
                {p.userMoves.length === 0
                  ? "No user moves."
                  : p.userMoves.map((m) => `${offset(m.at)}: ${m.users} users move from ${host(m.from)} to ${host(m.to)}`).join("; ") + "."}
              </p>
              <p>
                Buttons afterwards:{" "}
                {[
                  ...p.allowedAfter.failover.map((id) => `Failover ${host(id)}`),
                  ...p.allowedAfter.fallback.map((id) => `Fallback ${host(id)}`),
                  ...(p.allowedAfter.recover ? ["Recover"] : []),
                ].join(", ") || "none"}
                {!p.settled && " (timers still running two lab hours ahead)"}
              </p>
              <p className="hint">Computed by the SRM state machine on a copy of the group: nothing was changed.</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
