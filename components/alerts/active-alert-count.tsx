"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { api } from "@/lib/client/api.ts";
import type { AlertView } from "@/lib/schemas/alerts.ts";

/** Alerts are written just after the change notice that raises them: a slow poll catches what the refresh missed. */
const POLL_MS = 10_000;

/** The header's count of active alerts, a link to Alert Central. */
export function ActiveAlertCount() {
  const t = useTranslations("alerts");
  const active = useQuery({
    queryKey: ["alerts", "active"],
    queryFn: () => api<AlertView[]>("/api/alerts?status=active"),
    refetchInterval: POLL_MS,
  });
  const count = active.data?.length;
  return (
    <Link href="/serviceability/alert-central" className="banner-alerts" data-testid="active-alert-count">
      {count === undefined ? t("header") : t("count", { count })}
    </Link>
  );
}
