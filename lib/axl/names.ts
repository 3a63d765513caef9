import { createHash } from "node:crypto";

/**
 * Servers and service parameters have no stored uuid; AXL shows one for
 * every item, so theirs is derived from what names them (name-based, as
 * uuid version 5 is), stable for as long as the item exists.
 */
export function derivedUuid(kind: string, key: string): string {
  const hex = createHash("sha1").update(`prg-console:${kind}:${key}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}}`.toUpperCase();
}
