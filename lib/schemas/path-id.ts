import { MAX_ID } from "./common.ts";

/**
 * A record id as written in a path: canonical decimal only, so "0x1", "+1",
 * "1e0", "01" and " 1" name no record rather than record 1.
 */
export function parsePathId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}
