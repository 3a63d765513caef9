"use client";

import { useTranslations } from "next-intl";

/**
 * A database replication state's meaning in the page's language, keyed by
 * its number (lib/domain/replication.ts); a state the catalogue does not know
 * keeps the meaning the server sent.
 */
export function useReplicationMeaning() {
  const t = useTranslations("servers");
  return (state: number, sent: string) => (t.has(`replication.${state}`) ? t(`replication.${state}`) : sent);
}
