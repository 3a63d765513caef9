import { z } from "zod";

/** Largest id the database's integer columns hold. */
export const MAX_ID = 2147483647;

/** A record id in a body or query: a positive integer the database can hold. */
export function recordId(label: string) {
  const rule = `${label} must be the id of an existing record`;
  return z.number({ error: `${label} is required` }).int(rule).positive(rule).max(MAX_ID, rule);
}

// Canonical decimal digits only: `Number()` would also read `0x1`, `+1`,
// `1e0`, `01` and ` 1` as 1, so one record would have many names.
const ID_TEXT = /^[1-9][0-9]{0,9}$/;

/** An id written as text (a path segment or a query value): a positive integer in canonical decimal form. */
export function idText(rule: string) {
  return z.string({ error: rule }).regex(ID_TEXT, rule).transform(Number).pipe(z.number().max(MAX_ID, rule));
}

/** A positive whole number written as text, in canonical decimal form. */
export function wholeNumberText(rule: string) {
  return z.string({ error: rule }).regex(/^[1-9][0-9]{0,14}$/, rule).transform(Number);
}

/** Path `{id}` of a record: anything but a canonical positive integer names no record. */
export const idParams = z.object({ id: idText("id must be the id of a record") });

/**
 * Text without control characters (Unicode's Cc: U+0000-U+001F, U+007F-U+009F),
 * written as ranges so the pattern in the OpenAPI document reads the same in
 * every regular-expression dialect.
 */
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

/** Search text: bounded, and free of control characters the database cannot compare. */
export const searchText = z
  .string()
  .max(128, "Search text may be at most 128 characters")
  .regex(NO_CONTROL_CHARACTERS, "Search text may not contain control characters");

export const okSchema = z.object({ ok: z.literal(true) });
