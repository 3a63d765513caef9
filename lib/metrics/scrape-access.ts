import { createHash, timingSafeEqual } from "node:crypto";
import { bearerSecret } from "../tokens/api-tokens.ts";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Whether a scrape may read /metrics: "off" unless METRICS_TOKEN is set (the
 * counters name hosts and groups), then only with `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function scrapeAccess(configured: string | undefined, authorization: string | null): "off" | "refused" | "allowed" {
  if (!configured) return "off";
  const given = bearerSecret(authorization);
  // Digests have one length, so the comparison takes the same time whatever was sent.
  return given !== undefined && timingSafeEqual(digest(given), digest(configured)) ? "allowed" : "refused";
}
