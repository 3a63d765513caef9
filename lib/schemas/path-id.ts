import { idParams } from "./common.ts";

/**
 * A record id as written in a page's path, by the same rule as the API's
 * path ids: canonical decimal only, so "0x1", "+1", "1e0", "01" and " 1" name
 * no record rather than record 1.
 */
export function parsePathId(raw: string): number | null {
  const parsed = idParams.safeParse({ id: raw });
  return parsed.success ? parsed.data.id : null;
}
