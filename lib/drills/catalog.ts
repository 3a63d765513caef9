import type { Db } from "../db/client.ts";
import { keyedError } from "../http/errors.ts";
import { MAX_ID } from "../schemas/common.ts";
import { BUILTIN_DRILLS } from "./builtin.ts";
import { scenarioSchema, type Scenario } from "./scenario.ts";

export interface DrillEntry {
  key: string;
  builtIn: boolean;
  id: number | null;
  scenario: Scenario;
}

const builtIns = (): DrillEntry[] =>
  BUILTIN_DRILLS.map(({ key, ...scenario }) => ({ key: `builtin:${key}`, builtIn: true, id: null, scenario }));

const custom = (row: { id: number; scenario: string }): DrillEntry => ({
  key: `custom:${row.id}`,
  builtIn: false,
  id: row.id,
  scenario: scenarioSchema.parse(JSON.parse(row.scenario)),
});

export async function listDrills(db: Db): Promise<DrillEntry[]> {
  const rows = await db.drill.findMany({ orderBy: { name: "asc" } });
  return [...builtIns(), ...rows.map(custom)];
}

export async function createDrill(db: Db, scenario: Scenario, by: string): Promise<DrillEntry> {
  const nameKey = scenario.name.toLowerCase();
  if (BUILTIN_DRILLS.some((d) => d.name.toLowerCase() === nameKey) || (await db.drill.findUnique({ where: { nameKey } }))) {
    throw keyedError("conflict", { key: "planning.drillNameTaken", values: { name: scenario.name } }, { name: { key: "planning.isTaken" } });
  }
  try {
    return custom(await db.drill.create({ data: { name: scenario.name, nameKey, scenario: JSON.stringify(scenario), createdBy: by } }));
  } catch (err) {
    // Two imports of one name at once: the unique index decides.
    if ((err as { code?: string }).code === "P2002") throw keyedError("conflict", { key: "planning.drillNameTaken", values: { name: scenario.name } }, { name: { key: "planning.isTaken" } });
    throw err;
  }
}

export async function deleteDrill(db: Db, id: number): Promise<DrillEntry> {
  const row = await db.drill.findUnique({ where: { id } });
  if (!row) throw keyedError("not_found", { key: "planning.noCustomDrill", values: { id: String(id) } });
  await db.drill.deleteMany({ where: { id } });
  return custom(row);
}

export async function findDrill(db: Db, key: string): Promise<DrillEntry> {
  if (key.startsWith("builtin:")) {
    const found = builtIns().find((d) => d.key === key);
    if (found) return found;
  } else if (Number(key.slice("custom:".length)) <= MAX_ID) {
    const row = await db.drill.findUnique({ where: { id: Number(key.slice("custom:".length)) } });
    if (row) return custom(row);
  }
  throw keyedError("not_found", { key: "planning.noDrill", values: { key } });
}
