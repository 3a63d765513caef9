"use client";

import { useTranslations } from "next-intl";
import { FieldError, invalidProps } from "@/components/forms/status-line.tsx";
import type { ParameterView } from "@/lib/schemas/parameters.ts";

export type Draft = Record<string, string>;

export function toDraft(params: ParameterView[]): Draft {
  return Object.fromEntries(params.map((p) => [p.key, String(p.value)]));
}

/** The typed value a draft holds for a parameter ("True"/"False" selects, numbers as typed). */
export function fromDraft(p: ParameterView, raw: string): number | boolean {
  if (p.type === "boolean") return raw === "true";
  return raw.trim() === "" ? Number.NaN : Number(raw);
}

type PagesT = ReturnType<typeof useTranslations<"params-pages">>;

/** A parameter's value as the page shows it (a port without digit grouping). */
export function shown(t: PagesT, p: ParameterView, value: number | boolean): string {
  if (p.type === "boolean") return value ? t("common.true") : t("common.false");
  return p.unit === "seconds" ? t("common.valueSeconds", { value: String(value) }) : String(value);
}

function range(t: PagesT, p: ParameterView): string {
  if (p.type === "boolean") return t("common.trueOrFalse");
  const bounds = { min: String(p.min), max: String(p.max) };
  return p.unit === "seconds" ? t("common.rangeSeconds", bounds) : t("common.range", bounds);
}

/** A parameter's name in the page's language: SRM parameters keyed by their stable key (lib/params). */
export function useParameterName() {
  const t = useTranslations("params");
  return (p: ParameterView) => (t.has(`srm.${p.key}.name`) ? t(`srm.${p.key}.name`) : p.name);
}

/** One parameter as the product's page shows it: value, default, range, help and Set to Default. */
export function ParameterRow({
  p,
  id,
  value,
  error,
  onChange,
  onSetDefault,
}: {
  p: ParameterView;
  id: string;
  value: string;
  error?: string;
  onChange(value: string): void;
  onSetDefault(): void;
}) {
  const t = useTranslations("params");
  const pages = useTranslations("params-pages");
  // SRM parameters are named and explained in the page's language, keyed by their stable key (lib/params).
  const translated = t.has(`srm.${p.key}.name`);
  const aria = { ...invalidProps(id, error) };
  return (
    <tr data-testid={`param-${p.key}`}>
      <td>
        <label htmlFor={id}>{translated ? t(`srm.${p.key}.name`) : p.name}</label>
        <div className="hint">{translated ? t(`srm.${p.key}.help`) : p.help}</div>
      </td>
      <td>
        {p.type === "boolean" ? (
          <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...aria}>
            <option value="true">{pages("common.true")}</option>
            <option value="false">{pages("common.false")}</option>
          </select>
        ) : (
          <input id={id} inputMode="numeric" size={7} value={value} onChange={(e) => onChange(e.target.value)} {...aria} />
        )}
        {p.unit === "seconds" && pages("common.secondsUnit")}
        <div>
          <FieldError id={id} message={error} />
        </div>
      </td>
      <td>{p.type === "boolean" ? (p.default ? pages("common.true") : pages("common.false")) : String(p.default)}</td>
      <td>{range(pages, p)}</td>
      <td>
        <button type="button" onClick={onSetDefault} aria-label={pages("common.setToDefaultOf", { name: translated ? t(`srm.${p.key}.name`) : p.name })}>
          {pages("common.setToDefault")}
        </button>
      </td>
    </tr>
  );
}
