"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { StatusLine, type Status } from "@/components/forms/status-line.tsx";
import { Section } from "@/components/shell/page-title.tsx";

/** The Status section of a Find and List page: the last outcome and "N records found". */
export function ListStatus({ status, list }: { status?: Status; list: UseQueryResult<{ total: number }> }) {
  const t = useTranslations("common");
  return (
    <Section title={t("list.status")}>
      {status !== undefined && <StatusLine status={status} />}
      {list.isError ? (
        <p role="alert" className="status-error">
          {list.error.message}
        </p>
      ) : (
        <p role={status === undefined ? "status" : undefined} data-testid="record-count">
          {list.data ? t("list.recordsFound", { count: list.data.total }) : t("list.loading")}
        </p>
      )}
    </Section>
  );
}
