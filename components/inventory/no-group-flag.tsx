"use client";

import { useTranslations } from "next-intl";

/** Marks a node outside every Presence Redundancy Group, wherever nodes are listed. */
export function NoGroupFlag() {
  const t = useTranslations("servers");
  return (
    <span className="status-warn" data-testid="no-group-flag">
      {" "}
      {t("noGroup")}
    </span>
  );
}
