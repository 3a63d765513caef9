"use client";

import { useTranslations } from "next-intl";
import { PAGE_SIZES } from "@/lib/schemas/find-list.ts";

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onChange(change: { page?: number; pageSize?: number }): void;
}

export function Pager({ page, pageSize, total, onChange }: Props) {
  const t = useTranslations("common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <span className="pager-nav">
        <button type="button" aria-label={t("list.firstPage")} disabled={page <= 1} onClick={() => onChange({ page: 1 })}>
          «
        </button>
        <button type="button" aria-label={t("list.previousPage")} disabled={page <= 1} onClick={() => onChange({ page: page - 1 })}>
          ‹
        </button>
        <span data-testid="page-indicator">
          {t("list.pageOf", { page: Math.min(page, pages), pages })}
        </span>
        <button type="button" aria-label={t("list.nextPage")} disabled={page >= pages} onClick={() => onChange({ page: page + 1 })}>
          ›
        </button>
        <button type="button" aria-label={t("list.lastPage")} disabled={page >= pages} onClick={() => onChange({ page: pages })}>
          »
        </button>
      </span>
      <label>
        {t("list.rowsPerPage")}{" "}
        <select value={pageSize} onChange={(e) => onChange({ page: 1, pageSize: Number(e.target.value) })}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
