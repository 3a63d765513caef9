import { createTranslator } from "next-intl";
import enHa from "../../messages/en/ha.json" with { type: "json" };
import enParams from "../../messages/en/params.json" with { type: "json" };
import enParamsPages from "../../messages/en/params-pages.json" with { type: "json" };
import enPlanning from "../../messages/en/planning.json" with { type: "json" };
import enServers from "../../messages/en/servers.json" with { type: "json" };
import { renderEventText, type EventText, type EventValue, type Translate } from "./event-text.ts";

// Apart from event-text.ts so that pages, which render with their own
// translator, do not load the English catalogue.
const english = createTranslator({
  locale: "en",
  messages: { ha: enHa, servers: enServers, planning: enPlanning, params: enParams, "params-pages": enParamsPages },
  // A key missing from the en catalogue is a bug of the code that wrote it, not text to store.
  onError: (error) => {
    throw error;
  },
}) as unknown as Translate;

/** The English text of a message, as stored in `message`. */
export function englishEventText(ref: EventText): string {
  return renderEventText(english, ref);
}

/** The columns of a history row that hold its message. */
export function eventColumns(ref: EventText): { message: string; messageKey: string; messageValues: Record<string, EventValue> | null } {
  return { message: englishEventText(ref), messageKey: ref.key, messageValues: ref.values ?? null };
}
