import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";

/** Largest id the database's integer columns hold. */
export const MAX_ID = 2147483647;

/** A record id in a body or query: a positive integer the database can hold. */
export function recordId(label: string) {
  const rule = ruleMessage("field.recordId", { field: label });
  return z.number({ error: ruleMessage("field.required", { field: label }) }).int(rule).positive(rule).max(MAX_ID, rule);
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
  .max(128, ruleMessage("field.tooLong", { field: { key: "label.searchText" }, limit: "128" }))
  .regex(NO_CONTROL_CHARACTERS, ruleMessage("field.noControlCharacters", { field: { key: "label.searchText" } }));

export const okSchema = z.object({ ok: z.literal(true) });

/**
 * A message of the console's catalogues beside its English text, so pages
 * word it in their own language while scripts keep reading the English.
 */
export const messageKeySchema = z
  .object({
    messageKey: z.string().describe("Key in messages/<locale>/errors.json"),
    values: z.record(z.string(), z.union([z.string(), z.number()])).describe("The message's placeholders"),
  })
  .describe("A catalogue message: the pages word it in their language");
export type MessageKey = z.infer<typeof messageKeySchema>;
