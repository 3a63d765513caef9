"use client";

import { parseSort } from "@/lib/schemas/find-list.ts";

interface Props<S extends string> {
  column: S;
  sort: S | `-${S}`;
  onSort(sort: S | `-${S}`): void;
  children: string;
}

/** A column header that sorts by its column; clicking again reverses. */
export function SortHeader<S extends string>({ column, sort, onSort, children }: Props<S>) {
  const { key, direction } = parseSort<S>(sort);
  const active = key === column;
  return (
    <th aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(active && direction === "asc" ? (`-${column}` as const) : column)}
      >
        {children}
        {active && <span aria-hidden>{direction === "asc" ? " ▲" : " ▼"}</span>}
      </button>
    </th>
  );
}
