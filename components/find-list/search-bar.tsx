"use client";

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
  const [draft, setDraft] = useState({ field, match, q });
  useEffect(() => setDraft({ field, match, q }), [field, match, q]);
  const needsText = draft.match !== "empty" && draft.match !== "notEmpty";

  function submit(event: FormEvent) {
    event.preventDefault();
    onFind(needsText ? draft : { ...draft, q: "" });
  }

  return (
    <form className="search-bar" onSubmit={submit} role="search">
      <span>Find {title} where</span>
      <select
        aria-label="Search field"
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
        aria-label="Match"
        value={draft.match}
        onChange={(e) => setDraft({ ...draft, match: e.target.value as MatchOperator })}
      >
        {(Object.entries(MATCH_OPERATORS) as [MatchOperator, string][]).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      <input
        aria-label="Search text"
        value={needsText ? draft.q : ""}
        disabled={!needsText}
        maxLength={128}
        onChange={(e) => setDraft({ ...draft, q: e.target.value })}
      />
      <button type="submit">Find</button>
      <button
        type="button"
        onClick={() => {
          const cleared = { field: Object.keys(fields)[0] as F, match: "begins" as const, q: "" };
          setDraft(cleared);
          onFind(cleared);
        }}
      >
        Clear Filter
      </button>
    </form>
  );
}
