"use client";

import { useTranslations } from "next-intl";
import type { CLIENT_KINDS } from "@/lib/clients/sim.ts";

/** The client kinds in the page's language, keyed by their API values. */
export function useClientKindLabels(): Record<(typeof CLIENT_KINDS)[number], string> {
  const t = useTranslations("users");
  return { desktop: t("client.desktop"), mobile: t("client.mobile"), "ios-background": t("client.iosBackground") };
}
