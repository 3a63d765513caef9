"use client";

import { useCan } from "@/components/shell/role.tsx";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DB_SERVICE, SERVICE_NAMES, SRM_SERVICE } from "@/lib/domain/services.ts";
import { FAULTS } from "@/lib/schemas/ha.ts";
import { useNodeHa } from "./use-node-ha.ts";

type Fault = (typeof FAULTS)[number];

/** Which faults make sense for the node as it is now. */
function applicable(fault: Fault, node: NonNullable<ReturnType<typeof useNodeHa>["node"]>): boolean {
  switch (fault) {
    case "power-off":
      return node.power !== "OFF";
    case "power-on":
      return node.power === "OFF";
    case "reboot":
    case "service-crash":
      return node.power === "ON";
    case "isolate-network":
      return !node.isolated;
    case "restore-network":
      return node.isolated;
    case "database-failure":
      return node.power === "ON" && node.services[DB_SERVICE] === "STARTED";
    case "stop-srm":
      return node.power === "ON" && node.services[SRM_SERVICE] === "STARTED";
    case "start-srm":
      return node.power === "ON" && node.services[SRM_SERVICE] !== "STARTED";
    case "service-start-failure":
      return !node.faults.startFailure;
    case "user-move-failure":
      return !node.faults.moveFailure;
  }
}

/**
 * The catalogue message (ha namespace) saying what each destructive fault
 * does, for its confirmation. Faults that only undo one (power on, restore
 * network, start SRM) need none.
 */
function consequence(fault: Fault): string | null {
  switch (fault) {
    case "power-off":
      return "lab.consequence.power-off";
    case "reboot":
      return "lab.consequence.reboot";
    case "isolate-network":
      return "lab.consequence.isolate-network";
    case "service-crash":
      return "lab.consequence.service-crash";
    case "database-failure":
      return "lab.consequence.database-failure";
    case "stop-srm":
      return "lab.consequence.stop-srm";
    case "service-start-failure":
      return "lab.consequence.service-start-failure";
    case "user-move-failure":
      return "lab.consequence.user-move-failure";
    case "power-on":
    case "restore-network":
    case "start-srm":
      return null;
  }
}

/** Lab fault injection for one node: what a Cisco lab would do with a power cable or a firewall. */
export function LabPanel({ nodeId }: { nodeId: number }) {
  const t = useTranslations("ha");
  const may = useCan("faults");
  const { node, send, message } = useNodeHa(nodeId);
  const [crash, setCrash] = useState<string>("Cisco Presence Engine");
  if (!node) return <p>{t("loading")}</p>;

  const inject = (fault: Fault) => {
    const key = consequence(fault);
    if (key && !window.confirm(t("lab.confirm", { warning: t(key, { host: node.hostName, service: crash }) }))) return;
    send.mutate({
      path: `/api/nodes/${nodeId}/faults`,
      body: fault === "service-crash" ? { fault, service: crash } : { fault },
      done: t("lab.done", { fault: t(`lab.fault.${fault}`), host: node.hostName }),
    });
  };

  return (
    <div data-testid="lab-panel">
      <p>
        {t("lab.power")} <strong data-testid="node-power">{node.power}</strong> · {t("lab.network")}{" "}
        <strong>{node.isolated ? t("lab.isolated") : t("lab.connected")}</strong> · {t("lab.srm")} <strong>{node.srmRunning ? t("lab.running") : t("lab.notRunning")}</strong>
        {node.faults.startFailure && t("lab.startFailure")}
        {node.faults.moveFailure && t("lab.moveFailure")}
      </p>
      <div className="lab-panel">
        {FAULTS.filter((f) => applicable(f, node) && f !== "service-crash").map((f) => (
          <button key={f} type="button" onClick={() => inject(f)} title={may.why} disabled={!may.allowed || send.isPending}>
            {t(`lab.fault.${f}`)}
          </button>
        ))}
        {applicable("service-crash", node) && (
          <span>
            <select aria-label={t("lab.crashService")} value={crash} onChange={(e) => setCrash(e.target.value)}>
              {SERVICE_NAMES.filter((s) => node.services[s] === "STARTED").map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>{" "}
            <button type="button" onClick={() => inject("service-crash")} title={may.why} disabled={!may.allowed || send.isPending}>
              {t("lab.fault.service-crash")}
            </button>
          </span>
        )}
      </div>
      <p role="status" aria-atomic="true" className={message ? `status-${message.kind}` : undefined} data-testid="lab-message">
        {message?.text}
      </p>
    </div>
  );
}
