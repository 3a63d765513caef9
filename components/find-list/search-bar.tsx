"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { MATCH_OPERATORS, type MatchOperator } from "@/lib/schemas/find-list.ts";

interface Props<F extends string> {
  title: string;
  fields: Record<F, string>;
  field: F;
  match: MatchOperator;
  q: string;
  onFind(search: { field: F; match: MatchOperator; q: string }): void;
}

/** "Find <things> where [field] [match] [text] Find Clear Filter", as on the product. */
export function SearchBar<F extends string>({ title, fields, field, match, q, onFind }: Props<F>) {
  const t = useTranslations("common");
  const [draft, setDraft] = useState({ field, match, q });
  useEffect(() => setDraft({ field, match, q }), [field, match, q]);
  const needsText = draft.match !== "empty" && draft.match !== "notEmpty";

  function submit(event: FormEvent) {
    event.preventDefault();
    onFind(needsText ? draft : { ...draft, q: "" });
  }

  return (
    <form className="search-bar" onSubmit={submit} role="search">
      <span>{t("list.findWhere", { title })}</span>
      <select
        aria-label={t("list.searchField")}
        value={draft.field}
        onChange={(e) => setDraft({ ...draft, field: e.target.value as F })}
      >
        {(Object.entries(fields) as [F, string][]).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      <select
        aria-label={t("list.match")}
        value={draft.match}
        onChange={(e) => setDraft({ ...draft, match: e.target.value as MatchOperator })}
      >
        {(Object.keys(MATCH_OPERATORS) as MatchOperator[]).map((key) => (
          <option key={key} value={key}>
            {t(`list.operator.${key}`)}
          </option>
        ))}
      </select>
      <input
        aria-label={t("list.searchText")}
        value={needsText ? draft.q : ""}
        disabled={!needsText}
        maxLength={128}
        onChange={(e) => setDraft({ ...draft, q: e.target.value })}
      />
      <button type="submit">{t("list.find")}</button>
      <button
        type="button"
        onClick={() => {
          const cleared = { field: Object.keys(fields)[0] as F, match: "begins" as const, q: "" };
          setDraft(cleared);
          onFind(cleared);
        }}
      >
        {t("list.clearFilter")}
      </button>
    </form>
  );
}
