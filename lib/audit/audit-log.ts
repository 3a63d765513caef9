import type { Db } from "../db/client.ts";

export const AUDIT_OUTCOMES = ["ok", "refused", "failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  username: string | null;
  address: string;
  action: string;
  method: string;
  path: string;
  status: number;
  message?: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
}

export function outcomeOf(status: number): AuditOutcome {
  return status >= 500 ? "failed" : status >= 400 ? "refused" : "ok";
}

// Field names whose values never go into the log, wherever they are nested.
const SECRET_FIELD = /password|secret|token/i;

/** A copy of a request's data with secrets replaced, safe to keep in the log. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "…";
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELD.test(k) ? "[redacted]" : redact(v, depth + 1)]),
    );
  }
  // PostgreSQL text and jsonb cannot hold NUL; the rest of a refused request's text is kept.
  if (typeof value === "string") return value.replaceAll("\u0000", "\uFFFD");
  return value;
}

/** Appends one row; the log is never updated or deleted by the console. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      at: entry.at ?? new Date(),
      username: entry.username,
      address: entry.address,
      action: entry.action,
      method: entry.method,
      path: entry.path,
      status: entry.status,
      outcome: outcomeOf(entry.status),
      message: entry.message ? (redact(entry.message) as string) : null,
      ...(entry.detail ? { detail: redact(entry.detail) as object } : {}),
    },
  });
}

export interface AuditQuery {
  username?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  q?: string;
}

function where(f: AuditQuery) {
  return {
    ...(f.username ? { username: f.username } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lt: new Date(f.to) } : {}) } } : {}),
    ...(f.q
      ? {
          OR: [
            { path: { contains: f.q, mode: "insensitive" as const } },
            { message: { contains: f.q, mode: "insensitive" as const } },
            { address: { contains: f.q } },
          ],
        }
      : {}),
  };
}

type Row = { id: number; at: Date; username: string | null; address: string; action: string; method: string; path: string; outcome: string; status: number; message: string | null; detail: unknown };

function view(r: Row) {
  return { ...r, at: r.at.toISOString(), outcome: r.outcome as AuditOutcome, detail: r.detail ?? null };
}

/** Newest first. */
export async function findAudit(db: Db, f: AuditQuery & { page: number; pageSize: number }) {
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where: where(f) }),
    db.auditLog.findMany({ where: where(f), orderBy: { id: "desc" }, skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
  ]);
  return { items: rows.map(view), total, page: f.page, pageSize: f.pageSize };
}

/** The largest export; narrow the filters for more. */
export const AUDIT_EXPORT_MAX = 100_000;

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // A cell starting with = + - @ is run as a formula by spreadsheet programs (CSV injection): quote it as text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const AUDIT_CSV_COLUMNS = ["id", "at", "username", "address", "action", "method", "path", "outcome", "status", "message", "detail"] as const;

/** The rows the filters select, oldest first, as CSV (RFC 4180). */
export async function exportAuditCsv(db: Db, f: AuditQuery): Promise<string> {
  const rows = await db.auditLog.findMany({ where: where(f), orderBy: { id: "asc" }, take: AUDIT_EXPORT_MAX });
  const lines = [AUDIT_CSV_COLUMNS.join(",")];
  for (const r of rows.map(view)) lines.push(AUDIT_CSV_COLUMNS.map((c) => csvCell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
