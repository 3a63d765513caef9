"use client";

import { useTranslations } from "next-intl";

/**
 * States and reasons as the language's edition of the Cisco chapter words
 * them, keyed by their English names (lib/ha/names.ts). A name the catalogue
 * does not know (a newer server) is shown as sent.
 */
export function useHaLabels() {
  const t = useTranslations("ha");
  return {
    state: (name: string) => (t.has(`state.${name}`) ? t(`state.${name}`) : name),
    reason: (name: string) => (name && t.has(`reason.${name}`) ? t(`reason.${name}`) : name),
  };
}
