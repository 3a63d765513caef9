import { z } from "zod";
import { AUDIT_OUTCOMES } from "../audit/audit-log.ts";
import { searchText } from "./common.ts";
import { pageNumber, pageSize } from "./find-list.ts";

const instant = (what: string) =>
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s), { message: `${what} must be a date or date-time (ISO 8601)` })
    .optional();

/** The Audit Log's filters, the same on the page, its list and its CSV export. */
export const auditFilterSchema = z.object({
  username: searchText.optional(),
  action: searchText.optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Earliest time, inclusive. */
  from: instant("From"),
  /** Latest time, exclusive. */
  to: instant("To"),
  /** Text found in the path, message or address. */
  q: searchText.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditListQuery = auditFilterSchema.extend({ page: pageNumber, pageSize: pageSize(50) });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  address: z.string(),
  action: z.string(),
  method: z.string(),
  path: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  status: z.number().int(),
  message: z.string().nullable(),
  detail: z.unknown(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
