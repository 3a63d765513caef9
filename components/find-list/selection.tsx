"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiClientError } from "@/lib/client/api.ts";

/** The rows ticked on a Find and List page. */
export function useSelection<T extends { id: number }>(items: T[]) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  return {
    has: (id: number) => selected.has(id),
    count: selected.size,
    chosen: items.filter((item) => selected.has(item.id)),
    toggle: (id: number) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    selectAll: () => setSelected(new Set(items.map((item) => item.id))),
    clear: () => setSelected(new Set()),
  };
}

/** Deletes the chosen rows one by one; one refusal does not stop the others. */
export async function deleteEach<T>(rows: T[], remove: (row: T) => Promise<unknown>, name: (row: T) => string, failed: (name: string) => string) {
  const failures: string[] = [];
  for (const row of rows) {
    try {
      await remove(row);
    } catch (err) {
      failures.push(err instanceof ApiClientError ? `${name(row)}: ${err.message}` : failed(name(row)));
    }
  }
  return { done: rows.length - failures.length, failures };
}

/** Select All, Clear All and Delete Selected, as on the product's list pages. */
export function SelectionButtons({
  selection,
  empty,
  onDelete,
  refused,
}: {
  selection: ReturnType<typeof useSelection>;
  empty: boolean;
  onDelete(): void;
  /** Why the role may not delete (lib/auth/roles.ts); Delete Selected is disabled then. */
  refused?: string;
}) {
  const t = useTranslations("common");
  return (
    <>
      <button type="button" onClick={selection.selectAll} disabled={empty}>
        {t("list.selectAll")}
      </button>
      <button type="button" onClick={selection.clear} disabled={selection.count === 0}>
        {t("list.clearAll")}
      </button>
      <button type="button" className="danger" onClick={onDelete} disabled={refused !== undefined || selection.count === 0} title={refused}>
        {t("list.deleteSelected")}
      </button>
    </>
  );
}
