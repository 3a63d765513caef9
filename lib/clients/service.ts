import type { z } from "zod";
import type { Db } from "../db/client.ts";
import { keyedError } from "../http/errors.ts";
import type { Page } from "../schemas/find-list.ts";
import type {
  clientBulkSchema,
  clientProfileSchema,
  clientSettingsInput,
  CountersView,
  OutageReportView,
  outageReportsQuery,
} from "../schemas/clients.ts";
import type { ClientFleet } from "./fleet.ts";
import type { OutageKind, OutagePoint } from "./outage.ts";

/** A user's client after a change: the simulation picks it up at once (the client logs in again). */
export async function setClient(db: Db, fleet: ClientFleet, id: number, profile: z.output<typeof clientProfileSchema>) {
  const done = await db.endUser.updateMany({ where: { id }, data: { clientKind: profile.kind, clientSecure: profile.secure, clientDual: profile.dual } });
  if (done.count !== 1) throw keyedError("not_found", { key: "user.notFound", values: { id: String(id) } });
  await fleet.reconcile();
  return profile;
}

/** The Find and List bulk action: ids that no longer exist are skipped, the count says how many changed. */
export async function setClients(db: Db, fleet: ClientFleet, body: z.output<typeof clientBulkSchema>) {
  const done = await db.endUser.updateMany({
    where: { id: { in: body.ids } },
    data: {
      ...(body.kind !== undefined ? { clientKind: body.kind } : {}),
      ...(body.secure !== undefined ? { clientSecure: body.secure } : {}),
      ...(body.dual !== undefined ? { clientDual: body.dual } : {}),
    },
  });
  await fleet.reconcile();
  return { updated: done.count };
}

export async function counters(fleet: ClientFleet, labNow: number, group?: number): Promise<CountersView> {
  await fleet.fresh();
  return { labNow, nodes: fleet.counters().filter((c) => group === undefined || c.groupId === group) };
}

type ReportRow = Awaited<ReturnType<Db["outageReport"]["findMany"]>>[number];

async function toViews(db: Db, rows: ReportRow[]): Promise<OutageReportView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.fromNodeId, r.toNodeId]))];
  const nodes = new Map((await db.node.findMany({ where: { id: { in: ids } }, select: { id: true, hostName: true } })).map((n) => [n.id, n.hostName]));
  return rows.map((r) => {
    // Reports stored before presence was simulated have no stale column.
    const series = (r.series as unknown as (Omit<OutagePoint, "stale"> & { stale?: number })[]).map((p) => ({ ...p, stale: p.stale ?? 0 }));
    return {
    id: r.id,
    groupId: r.groupId,
    kind: r.kind as OutageKind,
    fromNode: { id: r.fromNodeId, hostName: nodes.get(r.fromNodeId) ?? null },
    toNode: { id: r.toNodeId, hostName: nodes.get(r.toNodeId) ?? null },
    at: r.at.toISOString(),
    affected: r.affected,
    dual: r.dual,
    push: r.push,
    p50Ms: r.p50Ms,
    p95Ms: r.p95Ms,
    p99Ms: r.p99Ms,
    maxMs: r.maxMs,
    // Every watcher's stale time is drawn at the move, so the first point counts them all.
    stalePresence: series[0]?.stale ?? 0,
    series,
  };
  });
}

/** Outage reports, newest first. */
export async function listOutageReports(db: Db, query: z.output<typeof outageReportsQuery>): Promise<Page<OutageReportView>> {
  const where = query.group ? { groupId: query.group } : {};
  const [total, rows] = await db.$transaction([
    db.outageReport.count({ where }),
    db.outageReport.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  return { items: await toViews(db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getOutageReport(db: Db, id: number): Promise<OutageReportView> {
  const row = await db.outageReport.findUnique({ where: { id } });
  if (!row) throw keyedError("not_found", { key: "planning.noOutageReport", values: { id: String(id) } });
  return (await toViews(db, [row]))[0]!;
}

export async function clientSettings(db: Db) {
  return { clusters: await db.cluster.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, multipleDeviceMessaging: true } }) };
}

/** Multiple Device Messaging of a cluster; clients of moves from now on take twice as long. */
export async function setClientSettings(db: Db, fleet: ClientFleet, input: z.output<typeof clientSettingsInput>) {
  const done = await db.cluster.updateMany({ where: { id: input.cluster }, data: { multipleDeviceMessaging: input.multipleDeviceMessaging } });
  if (done.count !== 1) throw keyedError("not_found", { key: "planning.noCluster", values: { id: String(input.cluster) } });
  await fleet.reconcile();
  return clientSettings(db);
}
