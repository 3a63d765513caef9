"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LabPanel } from "@/components/ha/lab-panel.tsx";
import { useNodeHa } from "@/components/ha/use-node-ha.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import { SERVICE_NAMES, SERVICES, SRM_SERVICE } from "@/lib/domain/services.ts";
import type { Page } from "@/lib/schemas/find-list.ts";
import type { NodeView } from "@/lib/schemas/nodes.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

const ACTIONS = ["start", "stop", "restart"] as const;
type ServiceAction = (typeof ACTIONS)[number];
type T = ReturnType<typeof useTranslations<"serviceability">>;

/** What stopping or restarting a service does, for its confirmation; starting needs none. */
function consequence(t: T, action: ServiceAction, name: string, host: string): string | null {
  if (action === "start") return null;
  const critical = SERVICES.find((s) => s.name === name)?.critical;
  const effect =
    critical === "always"
      ? t("effect.always")
      : critical === "database"
        ? t("effect.database")
        : critical === "when-monitored"
          ? t("effect.whenMonitored")
          : name === SRM_SERVICE
            ? t("effect.srm")
            : "";
  const words = { service: name, host };
  const verb = action === "stop" ? t("verb.stop", words) : t("verb.restart", words);
  return `${verb} ${effect}`.trim();
}

/** Serviceability > Tools > Control Center - Network Services. */
export function ControlCenter() {
  const t = useTranslations("serviceability");
  const label = { start: t("button.start"), stop: t("button.stop"), restart: t("button.restart") } satisfies Record<ServiceAction, string>;
  const labelOf = (a: ServiceAction, service: string) =>
    ({ start: t("actionOf.start", { service }), stop: t("actionOf.stop", { service }), restart: t("actionOf.restart", { service }) })[a];
  const doneOf = (a: ServiceAction, service: string, host: string) =>
    ({ start: t("done.start", { service, host }), stop: t("done.stop", { service, host }), restart: t("done.restart", { service, host }) })[a];
  const may = useCan("services");
  const nodes = useQuery({ queryKey: ["nodes", "all"], queryFn: () => api<Page<NodeView>>("/api/nodes?pageSize=250") });
  const [chosen, setChosen] = useState<number | null>(null);
  const nodeId = chosen ?? nodes.data?.items[0]?.id ?? null;
  const { node, send, message } = useNodeHa(nodeId);

  return (
    <>
      <PageTitle title={t("title")} />
      <RoleNotice permission="services" />
      <Section title={t("selectServer")}>
        <label>
          {t("server")}{" "}
          <select value={nodeId ?? ""} onChange={(e) => setChosen(Number(e.target.value))}>
            {nodes.data?.items.map((n) => (
              <option key={n.id} value={n.id}>
                {n.hostName}
              </option>
            ))}
          </select>
        </label>
      </Section>
      <Section title={t("services")}>
        <p role="status" aria-atomic="true" className={message ? `status-${message.kind}` : undefined} data-testid="service-message">
          {message?.text}
        </p>
        {node && (
          <TableScroll label={t("services")}>
            <table className="list">
              <thead>
                <tr>
                  <th>{t("serviceName")}</th>
                  <th>{t("status")}</th>
                  <th>{t("action")}</th>
                </tr>
              </thead>
              <tbody>
                {SERVICE_NAMES.map((name) => {
                  const started = node.services[name] === "STARTED";
                  return (
                    <tr key={name} data-testid={`service-${name}`}>
                      <td>{name}</td>
                      <td className={started ? "ok" : "bad"}>{started ? t("started") : t("stopped")}</td>
                      <td>
                        {ACTIONS.filter((a) => (a === "start" ? !started : started)).map((a) => (
                          <button
                            key={a}
                            type="button"
                            disabled={!may.allowed || send.isPending || node.power !== "ON"}
                            title={may.why}
                            aria-label={labelOf(a, name)}
                            onClick={() => {
                              const warning = consequence(t, a, name, node.hostName);
                              if (warning && !window.confirm(t("confirm", { warning }))) return;
                              send.mutate({
                                path: `/api/nodes/${node.id}/services/${encodeURIComponent(name)}`,
                                body: { action: a },
                                done: doneOf(a, name, node.hostName),
                              });
                            }}
                          >
                            {label[a]}
                          </button>
                        ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      {nodeId !== null && (
        <Section title={t("labFaults")}>
          <LabPanel nodeId={nodeId} />
        </Section>
      )}
    </>
  );
}
