"use client";

import { useTranslations } from "next-intl";
import { knowsEventText, renderEventText, type EventText, type EventValue, type Translate } from "@/lib/ha/event-text.ts";
import { useHaLabels } from "./use-ha-labels.ts";

/** A history row's message as the server stores it: English, and the catalogue key for rows written since keys were kept. */
export interface StoredMessage {
  message: string;
  messageKey?: string | null;
  messageValues?: Record<string, EventValue> | null;
}

/**
 * History messages in the viewer's language: the row's catalogue message when
 * it has one this page knows, else the English the server stored (rows from
 * before keys were kept, or a key newer than this page).
 */
export function useEventText() {
  const t = useTranslations() as unknown as Translate;
  const labels = useHaLabels();
  return {
    message: (row: StoredMessage): string => {
      if (!row.messageKey) return row.message;
      const ref: EventText = { key: row.messageKey, ...(row.messageValues ? { values: row.messageValues } : {}) };
      return knowsEventText(t, ref) ? renderEventText(t, ref) : row.message;
    },
    /** A "State / Reason" column, each part in the viewer's language. */
    stateAndReason: (text: string): string => {
      const [state = "", reason] = text.split(" / ");
      return reason === undefined ? labels.state(state) : `${labels.state(state)} / ${labels.reason(reason)}`;
    },
  };
}
