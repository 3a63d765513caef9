import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REASON, STATE } from "../ha/names.ts";
import { TABLE2, type NodeSide } from "../ha/table2.ts";

/**
 * The Chinese (000_*) and Japanese (004_*) editions of the Cisco chapter
 * give the official words for every state and reason in Tables 1 and 2.
 * Their tables are parsed here and each catalogue label is checked against
 * them; a name an edition has no word for must be listed in the README's
 * "Languages" section as a term the console chose.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const EDITIONS = { zh: "000_", ja: "004_" } as const;
type Edition = keyof typeof EDITIONS;

// Verbatim copies of the source documents (../shared/seeds), kept in the repository so a fresh clone tests alone.
const SEEDS = path.join(ROOT, "tests", "seeds");

function seedText(edition: Edition): string {
  const dir = SEEDS;
  const file = readdirSync(dir).find((f) => f.startsWith(EDITIONS[edition]) && f.endsWith(".txt"));
  if (!file) throw new Error(`no ${EDITIONS[edition]}*.txt in ${dir}`);
  return readFileSync(path.join(dir, file), "utf8");
}

/** The tab-separated data rows between a table's caption and the next caption. */
function tableRows(text: string, table: number): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`表 ${table}:`));
  const end = lines.findIndex((l, i) => i > start && /^表 \d+:/.test(l));
  if (start < 0 || end < 0) throw new Error(`table ${table} not found`);
  const header = /^(状态|状態|节点\s?\d|ノード\s?\d)$/;
  return lines
    .slice(start + 1, end)
    .filter((l) => l.includes("\t"))
    .map((l) => l.split("\t").map((c) => c.trim()))
    .filter((cells) => !header.test(cells[0]!));
}

const CJK = "\\u3000-\\u30ff\\u3400-\\u9fff\\uff00-\\uffef";

/**
 * A term as the console compares it: without the UI brackets, the English
 * original in parentheses and a closing full stop, and without the spaces the
 * PDF's line breaks left between two CJK characters.
 */
function normalize(term: string): string {
  return term
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\s*\([A-Za-z][^()]*\)$/, "")
    .replace(/。$/, "")
    .replace(new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, "g"), "")
    .trim();
}

/** Table 1 lists these states, in this order. */
const TABLE1 = [STATE.INITIALIZING, STATE.IDLE, STATE.NORMAL, STATE.BACKUP, STATE.TAKING_OVER, STATE.FAILING_OVER, STATE.FAILED_OVER, STATE.FAILED_OVER_CSNR, STATE.FALLING_BACK, STATE.TAKING_BACK, STATE.FAILED_MODE, STATE.UNKNOWN];

/** English name → the edition's terms for it: Table 1 by row, Table 2 where a cell names one state or one reason. */
function editionTerms(edition: Edition): { states: Map<string, Set<string>>; reasons: Map<string, Set<string>> } {
  const text = seedText(edition);
  const states = new Map<string, Set<string>>();
  const reasons = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, name: string, term: string) => {
    if (!term) return;
    map.set(name, (map.get(name) ?? new Set()).add(normalize(term)));
  };
  const t1 = tableRows(text, 1);
  expect(t1.map((r) => r[0]).length, `${edition} Table 1 rows`).toBe(TABLE1.length);
  TABLE1.forEach((name, i) => add(states, name, t1[i]![0]!));
  const t2 = tableRows(text, 2);
  expect(t2.length, `${edition} Table 2 rows`).toBe(TABLE2.length);
  TABLE2.forEach((row, i) => {
    const cells = t2[i]!;
    const sides: [NodeSide, string, string][] = [
      [row.node1, cells[0]!, cells[1]!],
      [row.node2, cells[2]!, cells[3]!],
    ];
    for (const [side, state, reason] of sides) {
      if (side.unreachable) continue;
      if (side.states.length === 1) add(states, side.states[0]!, state);
      if (side.reasons.length === 1 && side.reasons[0] !== "") add(reasons, side.reasons[0]!, reason);
    }
  });
  return { states, reasons };
}

const catalogue = (locale: Edition) => JSON.parse(readFileSync(path.join(ROOT, "messages", locale, "ha.json"), "utf8")) as { state: Record<string, string>; reason: Record<string, string> };

function languagesSection(): string {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("\n## Languages");
  if (start < 0) throw new Error("README has no Languages section");
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe.each(Object.keys(EDITIONS) as Edition[])("%s labels against the seed edition", (edition) => {
  const terms = editionTerms(edition);
  const labels = catalogue(edition);
  const chosen = languagesSection();

  it.each(Object.values(STATE))("state %s", (name) => {
    const official = terms.states.get(name);
    if (official) expect([...official]).toContain(normalize(labels.state[name]!));
    else expect(chosen, `${name} has no term in the ${edition} edition: README must list the chosen one`).toContain(labels.state[name]!);
  });

  it.each(Object.values(REASON).filter((r) => r !== ""))("reason %s", (name) => {
    const official = terms.reasons.get(name);
    if (official) expect([...official]).toContain(normalize(labels.reason[name]!));
    else expect(chosen, `${name} has no term in the ${edition} edition: README must list the chosen one`).toContain(labels.reason[name]!);
  });
});
