/**
 * The services of an IM and Presence node that the console models, named as
 * `utils service list` prints them. `critical` marks the services whose failure
 * the Server Recovery Manager answers with a failover; XCP Authentication is
 * critical only when its monitoring service parameter is on.
 */
export const SERVICES = [
  { name: "Cisco Client Profile Agent", critical: "always" },
  { name: "Cisco Sync Agent", critical: "always" },
  { name: "Cisco XCP Router", critical: "always" },
  { name: "Cisco SIP Proxy", critical: "always" },
  { name: "Cisco Presence Engine", critical: "always" },
  { name: "Cisco XCP Authentication Service", critical: "when-monitored" },
  { name: "Cisco Server Recovery Manager", critical: "never" },
  { name: "Cisco DB", critical: "database" },
] as const satisfies readonly { name: string; critical: "always" | "when-monitored" | "never" | "database" }[];

export type ServiceName = (typeof SERVICES)[number]["name"];
export const SERVICE_NAMES: readonly ServiceName[] = SERVICES.map((s) => s.name);

export const SRM_SERVICE: ServiceName = "Cisco Server Recovery Manager";
export const DB_SERVICE: ServiceName = "Cisco DB";

/** The services whose failure the SRM answers with a failover (not the database, which has its own reason). */
export function criticalServices(monitorXcpAuthentication: boolean): readonly string[] {
  return SERVICES.filter((s) => s.critical === "always" || (s.critical === "when-monitored" && monitorXcpAuthentication)).map((s) => s.name);
}
