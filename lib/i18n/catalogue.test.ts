import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { MENUS } from "@/components/shell/navigation.ts";
import { PERMISSIONS, ROLE_LABELS, ROLES } from "../auth/roles.ts";
import { POWER_STATES } from "../ha/model.ts";
import { REASON, STATE } from "../ha/names.ts";
import { HA_OFF_ACTION, TABLE2 } from "../ha/table2.ts";
import { NAMESPACES } from "./catalogue.ts";
import { LOCALES } from "./locales.ts";
import { MATCH_OPERATORS } from "../schemas/find-list.ts";
import { SRM_PARAMETERS } from "../params/definitions.ts";
import { ASSIGNMENT_MODE_KEY } from "../users/assignment.ts";
import { FAULT_LABELS, FAULTS } from "../schemas/ha.ts";
import { REPLICATION_STATES } from "../domain/replication.ts";
import { PASSWORD_POLICY } from "../schemas/accounts.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const read = (locale: string, ns: string) => flatten(JSON.parse(readFileSync(path.join(ROOT, "messages", locale, `${ns}.json`), "utf8")) as Tree);

/** Keys built at run time from a list that is the one source of its members: each family must hold exactly that list. */
const FAMILIES: Record<string, { prefix: string; members: string[] }[]> = {
  ha: [
    { prefix: "state.", members: Object.values(STATE) },
    // The empty reason (none) shows as nothing.
    { prefix: "reason.", members: Object.values(REASON).filter((r) => r !== "") },
    { prefix: "table2.row", members: TABLE2.map((r) => String(r.row)) },
    { prefix: "lab.fault.", members: [...FAULTS] },
  ],
  common: [{ prefix: "list.operator.", members: Object.keys(MATCH_OPERATORS) }],
  params: [
    { prefix: "srm.", members: SRM_PARAMETERS.flatMap((p) => [`${p.key}.name`, `${p.key}.help`]) },
  ],
  servers: [{ prefix: "replication.", members: Object.keys(REPLICATION_STATES) }],
  "params-pages": [
    { prefix: "enterprise.mode.", members: Object.values(ASSIGNMENT_MODE_KEY) },
    { prefix: "enterprise.help.", members: Object.values(ASSIGNMENT_MODE_KEY) },
  ],
  shell: [{ prefix: "menu.", members: [...new Set(MENUS.flatMap((m) => [m.key, ...m.items.map((i) => i.key)]))] }],
  errors: [
    { prefix: "role.", members: [...ROLES] },
    { prefix: "permission.", members: Object.keys(PERMISSIONS) },
    { prefix: "lab.power.", members: [...POWER_STATES] },
  ],
};

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => readFileSync(path.join(e.parentPath, e.name), "utf8"));
}

/** The arguments a message takes, inside plural and select branches too. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if ("value" in e && typeof e.value === "string" && e.type !== TYPE.literal) names.add(e.value);
      if ("options" in e) for (const option of Object.values(e.options)) walk(option.value);
      if ("children" in e) walk(e.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe("message catalogues", () => {
  it("has a file for every namespace in every locale and nothing else", () => {
    for (const locale of LOCALES) {
      expect(readdirSync(path.join(ROOT, "messages", locale)).sort()).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
    }
  });

  for (const ns of NAMESPACES) {
    it(`${ns}: every locale has the keys English has, with the same placeholders and no empty text`, () => {
      const en = read("en", ns);
      for (const locale of LOCALES) {
        const other = read(locale, ns);
        expect([...other.keys()].sort(), `${locale}/${ns}.json`).toEqual([...en.keys()].sort());
        for (const [key, text] of other) {
          expect(text.trim(), `${locale} ${ns}.${key}`).not.toBe("");
          expect(placeholders(text), `${locale} ${ns}.${key}`).toEqual(placeholders(en.get(key)!));
        }
      }
    });
  }

  it("uses every key: a dynamic family holds exactly its source's members, any other key is named in app/, components/ or lib/", () => {
    const code = ["app", "components", "lib"].flatMap(sources).join("\n");
    const unused: string[] = [];
    for (const ns of NAMESPACES) {
      const families = FAMILIES[ns] ?? [];
      const keys = [...read("en", ns).keys()];
      for (const family of families) {
        const members = keys.filter((k) => k.startsWith(family.prefix)).map((k) => k.slice(family.prefix.length));
        expect(members.sort(), `${ns}.${family.prefix}*`).toEqual([...family.members].sort());
        // The family is reached through its prefix in code.
        expect(code, `${ns}.${family.prefix}`).toContain(family.prefix);
      }
      for (const key of keys) {
        if (families.some((f) => key.startsWith(f.prefix))) continue;
        const quoted = new RegExp(`["'\`]${key.replace(/\./g, "\\.")}["'\`]`);
        if (!quoted.test(code)) unused.push(`${ns}.${key}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it("words states, reasons, Table 2's actions, faults, SRM parameters, roles, replication states and the password policy in English as the one source does", () => {
    const ha = read("en", "ha");
    for (const s of Object.values(STATE)) expect(ha.get(`state.${s}`)).toBe(s);
    for (const r of Object.values(REASON).filter((x) => x !== "")) expect(ha.get(`reason.${r}`)).toBe(r);
    for (const row of TABLE2) expect(ha.get(`table2.row${row.row}`)).toBe(row.recommendedAction);
    expect(ha.get("table2.haOff")).toBe(HA_OFF_ACTION);
    for (const f of FAULTS) expect(ha.get(`lab.fault.${f}`)).toBe(FAULT_LABELS[f]);
    const common = read("en", "common");
    for (const [op, words] of Object.entries(MATCH_OPERATORS)) expect(common.get(`list.operator.${op}`)).toBe(words);
    const params = read("en", "params");
    for (const p of SRM_PARAMETERS) {
      expect(params.get(`srm.${p.key}.name`)).toBe(p.name);
      expect(params.get(`srm.${p.key}.help`)).toBe(p.help);
    }
    const errors = read("en", "errors");
    for (const role of ROLES) expect(errors.get(`role.${role}`)).toBe(ROLE_LABELS[role]);
    for (const [p, text] of Object.entries(PERMISSIONS)) expect(errors.get(`permission.${p}`)).toBe(text);
    const servers = read("en", "servers");
    for (const [state, meaning] of Object.entries(REPLICATION_STATES)) expect(servers.get(`replication.${state}`)).toBe(meaning);
    expect(read("en", "auth").get("passwordPolicy")).toBe(`Password policy: ${PASSWORD_POLICY}.`);
  });
});
