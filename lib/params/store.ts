import type { Db } from "../db/client.ts";
import { DEFAULT_LAB_SETTINGS, labSettingsSchema, type LabSettings } from "../ha/lab-settings.ts";
import { DEFAULT_CLUSTER_PARAMETERS, type ClusterParameters } from "./definitions.ts";

/** Settings rows are JSON values under (scope, key); missing keys take their defaults. */
async function readScope(db: Db, scope: string): Promise<Record<string, unknown>> {
  const rows = await db.setting.findMany({ where: { scope } });
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export async function writeScope(db: Db, scope: string, values: Record<string, unknown>, updatedBy: string) {
  await db.$transaction(
    Object.entries(values).map(([key, value]) =>
      db.setting.upsert({
        where: { scope_key: { scope, key } },
        create: { scope, key, value: JSON.stringify(value), updatedBy },
        update: { value: JSON.stringify(value), updatedBy },
      }),
    ),
  );
}

export async function readClusterParameters(db: Db): Promise<ClusterParameters> {
  const stored = await readScope(db, "srm");
  return { ...DEFAULT_CLUSTER_PARAMETERS, ...pick(stored, DEFAULT_CLUSTER_PARAMETERS) };
}

export async function readLabSettings(db: Db): Promise<LabSettings> {
  const merged = { ...DEFAULT_LAB_SETTINGS, ...pick(await readScope(db, "lab"), DEFAULT_LAB_SETTINGS) };
  const parsed = labSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_LAB_SETTINGS;
}

/** Stored values of known keys with the default's type; anything else is ignored. */
function pick<T extends Record<string, unknown>>(stored: Record<string, unknown>, defaults: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    if (typeof stored[key] === typeof defaults[key]) out[key] = stored[key] as T[typeof key];
  }
  return out;
}
