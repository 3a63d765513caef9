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

/** A parameter's value as the page shows it. */
export function shown(p: ParameterView, value: number | boolean): string {
  if (p.type === "boolean") return value ? "True" : "False";
  return p.unit === "seconds" ? `${value} seconds` : String(value);
}

function range(p: ParameterView): string {
  if (p.type === "boolean") return "True or False";
  return `${p.min} – ${p.max}${p.unit === "seconds" ? " seconds" : ""}`;
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
            <option value="true">True</option>
            <option value="false">False</option>
          </select>
        ) : (
          <input id={id} inputMode="numeric" size={7} value={value} onChange={(e) => onChange(e.target.value)} {...aria} />
        )}
        {p.unit === "seconds" && " s"}
        <div>
          <FieldError id={id} message={error} />
        </div>
      </td>
      <td>{p.type === "boolean" ? (p.default ? "True" : "False") : String(p.default)}</td>
      <td>{range(p)}</td>
      <td>
        <button type="button" onClick={onSetDefault} aria-label={`Set to Default: ${p.name}`}>
          Set to Default
        </button>
      </td>
    </tr>
  );
}
