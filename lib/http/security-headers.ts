/**
 * The security headers of every response. The front door (server.mjs) sets
 * the fixed ones and a deny-all policy on every answer; proxy.ts replaces the
 * policy of each page with one that lets only that response's scripts run
 * (a fresh nonce each time, so an injected script never runs).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  // For browsers that predate frame-ancestors.
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/** For answers that are not pages (API, AXL, metrics, refusals): nothing in them may load or run anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A page's policy: scripts only with this response's nonce (and what they
 * load, 'strict-dynamic'), never inline ones without it. Inline style
 * attributes stay allowed: styles cannot run code, and React writes some.
 * Development needs 'unsafe-eval' for React's debugging aids only.
 */
export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
