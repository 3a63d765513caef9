import { parsePathId } from "../schemas/path-id.ts";
import { getRuntime } from "./runtime.ts";

/**
 * For pages under /<kind>/[id]: the id when it names an existing record, so
 * an unknown or non-canonical id shows the not-found page instead of an
 * editable form.
 */
export async function existingGroupId(raw: string): Promise<number | null> {
  const id = parsePathId(raw);
  if (id === null) return null;
  const { db } = await getRuntime();
  return (await db.presenceRedundancyGroup.count({ where: { id } })) > 0 ? id : null;
}

export async function existingNodeId(raw: string): Promise<number | null> {
  const id = parsePathId(raw);
  if (id === null) return null;
  const { db } = await getRuntime();
  return (await db.node.count({ where: { id } })) > 0 ? id : null;
}
