import { createTranslator } from "next-intl";
import en from "../../messages/en/errors.json";
import enParams from "../../messages/en/params.json";
import enServers from "../../messages/en/servers.json";
import enHa from "../../messages/en/ha.json";
import type { MessageRef } from "./errors.ts";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

// A message names a key of the errors catalogue, or a word that has its one
// wording in another catalogue: an SRM parameter's name, a replication state's
// meaning, an HA state or reason.
const ELSEWHERE = ["params.", "servers.", "ha."];
const qualified = (key: string) => (ELSEWHERE.some((ns) => key.startsWith(ns)) ? key : `errors.${key}`);

/**
 * A message in the language of `t` (a translator over every namespace), its
 * nested messages rendered first.
 */
export function renderMessage(t: Translate, ref: MessageRef): string {
  const values = Object.fromEntries(Object.entries(ref.values ?? {}).map(([name, v]) => [name, typeof v === "object" ? renderMessage(t, v) : v]));
  return t(qualified(ref.key), values);
}

// An answer with a key the catalogue lacks (a state a newer server sends) shows the key rather than failing.
const englishT = createTranslator({ locale: "en", messages: { errors: en, params: enParams, servers: enServers, ha: enHa }, onError: () => {} }) as unknown as Translate;

/**
 * A message in English, the language errors are raised in: its text comes
 * from the same catalogue as the other languages', so a rule's wording has
 * one home per language.
 */
export function english(ref: MessageRef): string {
  return renderMessage(englishT, ref);
}

// Zod keeps only a string of a custom message, so a field rule is known again by its English text.
const RULES = new Map<string, MessageRef>();

/**
 * A schema's message for a broken rule, in English, remembered as the
 * catalogue message it is so a 422's fields can be answered in another language.
 */
export function ruleMessage(key: string, values?: MessageRef["values"]): string {
  const ref: MessageRef = values ? { key, values } : { key };
  const text = english(ref);
  // A schema's message missing from the catalogue fails where the schema is made, not as a key shown to a user.
  if (text.includes(qualified(key))) throw new Error(`No message ${qualified(key)} in messages/en`);
  const known = RULES.get(text);
  // Two messages with one English text could not be told apart in the answer.
  if (known && JSON.stringify(known) !== JSON.stringify(ref)) throw new Error(`"${text}" is both ${known.key} and ${key}`);
  RULES.set(text, ref);
  return text;
}

/** The catalogue message a schema's English rule message was made from. */
export function ruleOf(message: string): MessageRef | undefined {
  return RULES.get(message);
}
