import { z } from "zod";

/** Largest id the database's integer columns hold. */
export const MAX_ID = 2147483647;

/** A record id in a body or query: a positive integer the database can hold. */
export function recordId(label: string) {
  const rule = `${label} must be the id of an existing record`;
  return z.number({ error: `${label} is required` }).int(rule).positive(rule).max(MAX_ID, rule);
}

/** Path `{id}` of a record: anything but a positive integer names no record. */
export const idParams = z.object({ id: z.coerce.number().int().positive().max(MAX_ID) });

/** Search text: bounded, and free of control characters the database cannot compare. */
export const searchText = z
  .string()
  .max(128, "Search text may be at most 128 characters")
  .refine((q) => !/\p{Cc}/u.test(q), { message: "Search text may not contain control characters" });

export const okSchema = z.object({ ok: z.literal(true) });
