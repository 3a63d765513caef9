/**
 * A history message as a catalogue key and its arguments, so a page renders
 * it in the viewer's language; the English the API answers is rendered from
 * the en catalogue (event-english.ts), so each text is written once. Keys are relative to the ha
 * namespace unless `ns` names another. An argument is shown as it is (host,
 * service and group names, numbers) or is itself a message: a state
 * (`state.<name>`), a reason (`reason.<name>`) or a phrase.
 */
export interface EventText {
  key: string;
  ns?: "servers" | "planning" | "params" | "params-pages";
  values?: Record<string, EventValue>;
}
export type EventValue = string | number | EventText;

export const say = (key: string, values?: Record<string, EventValue>): EventText => (values ? { key, values } : { key });
export const stateTerm = (state: string): EventText => ({ key: `state.${state}` });
export const reasonTerm = (reason: string): EventText => ({ key: `reason.${reason}` });

export type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has?: (key: string) => boolean };

const qualified = (ref: EventText) => `${ref.ns ?? "ha"}.${ref.key}`;

/** The message through a translator of the whole catalogue, its nested messages rendered first. */
export function renderEventText(t: Translate, ref: EventText): string {
  const values = Object.fromEntries(Object.entries(ref.values ?? {}).map(([name, v]) => [name, typeof v === "object" ? renderEventText(t, v) : v]));
  return t(qualified(ref), values);
}

/** Whether the translator knows the message and every message nested in it (a newer server's key may be new). */
export function knowsEventText(t: Translate, ref: EventText): boolean {
  if (t.has && !t.has(qualified(ref))) return false;
  return Object.values(ref.values ?? {}).every((v) => typeof v !== "object" || knowsEventText(t, v));
}
