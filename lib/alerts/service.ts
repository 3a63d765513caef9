import type { Db } from "../db/client.ts";
import { ApiError } from "../http/errors.ts";
import type { AlertListQuery, AlertView } from "../schemas/alerts.ts";
import type { AlertName } from "./conditions.ts";

/** Newest first; the list is bounded, as a console page shows it. */
const LIST_LIMIT = 500;

type Row = Omit<AlertView, "raisedAt" | "clearedAt" | "acknowledgedAt" | "name"> & {
  name: string;
  raisedAt: Date;
  clearedAt: Date | null;
  acknowledgedAt: Date | null;
};

/** An Alert row as the API shows it. */
export function alertView(a: Row): AlertView {
  return {
    ...a,
    name: a.name as AlertName,
    raisedAt: a.raisedAt.toISOString(),
    clearedAt: a.clearedAt?.toISOString() ?? null,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  };
}

export async function listAlerts(db: Db, q: AlertListQuery): Promise<AlertView[]> {
  const rows = await db.alert.findMany({
    where: {
      ...(q.name ? { name: q.name } : {}),
      ...(q.status ? { clearedAt: q.status === "active" ? null : { not: null } } : {}),
      ...(q.acknowledged ? { acknowledgedAt: q.acknowledged === "true" ? { not: null } : null } : {}),
      ...(q.node ? { nodeName: q.node } : {}),
    },
    orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
  });
  return rows.map(alertView);
}

/** Marks an alert seen; acknowledging again keeps the first acknowledgement. */
export async function acknowledgeAlert(db: Db, id: number, actor: string, now = new Date()): Promise<AlertView> {
  await db.alert.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedBy: actor } });
  const alert = await db.alert.findUnique({ where: { id } });
  if (!alert) throw new ApiError("not_found", "No such alert");
  return alertView(alert);
}
