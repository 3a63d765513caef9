import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { allowedMethods } from "../api/routes.ts";
import { trustedProxies, withPeerAddress } from "./client-address.ts";
import { ApiError } from "./errors.ts";
import { API_CSP, SECURITY_HEADERS } from "./security-headers.ts";

/** A refusal made before the request reaches the router. */
export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

function refusal(error: ApiError, headers: Record<string, string> = {}): Refusal {
  return { status: error.status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(error.toBody()) };
}

/**
 * Methods route files serve (the catch-all answers 404 to them). Next.js
 * fails on any other before a handler runs, and would answer OPTIONS itself.
 */
const ROUTED = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);

/**
 * What the API answers before routing, or null to route the request: a path
 * that is not valid percent-encoded UTF-8 is malformed (400), a method the
 * path's operations do not have is 405 with `Allow`, OPTIONS answers `Allow`.
 * Paths outside /api are the pages' business.
 */
export function refuseBeforeRouting(method: string, url: string): Refusal | null {
  const pathname = url.split("?")[0]!;
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return null;
  try {
    decodeURIComponent(pathname);
  } catch {
    return refusal(new ApiError("malformed_request", "The request path is not valid percent-encoded UTF-8"));
  }
  const allowed = allowedMethods(pathname);
  if (!allowed) {
    return ROUTED.has(method) ? null : refusal(new ApiError("not_found", "No such API resource"));
  }
  const allow = allowed.join(", ");
  if (method === "OPTIONS") return { status: 204, headers: { allow }, body: null };
  if (!allowed.includes(method)) {
    return refusal(new ApiError("method_not_allowed", `${method} is not supported here; this path answers ${allow}`), { allow });
  }
  return null;
}

/**
 * Every request to the console passes here first (server.mjs): refusals that
 * need no router, then the request is handled knowing its socket address.
 */
export function frontDoor(req: IncomingMessage, res: ServerResponse, route: () => Promise<void>): Promise<void> {
  // Set before anything answers, so refusals, assets, API answers and pages all carry them; a page's own policy (proxy.ts) replaces the CSP.
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader("content-security-policy", API_CSP);
  if ((req.socket as { encrypted?: boolean }).encrypted) {
    res.setHeader("strict-transport-security", "max-age=31536000");
    // Tells the route handlers the connection is TLS, whatever the client wrote, so the session cookie is marked Secure.
    req.headers["x-forwarded-proto"] = "https";
  }
  // AXL's address is /axl/ with the slash; Next.js would redirect it, and
  // SOAP clients do not follow a redirect of a POST.
  if (req.url === "/axl/" || req.url?.startsWith("/axl/?")) req.url = `/axl${req.url.slice("/axl/".length)}`;
  const refused = refuseBeforeRouting(req.method ?? "GET", req.url ?? "/");
  if (refused) {
    res.writeHead(refused.status, refused.headers);
    res.end(req.method === "HEAD" ? undefined : (refused.body ?? undefined));
    return Promise.resolve();
  }
  return withPeerAddress(req.socket.remoteAddress ?? "unknown", route);
}

/**
 * A request Node's HTTP parser cannot read (an unknown method, a broken
 * request line or header) never reaches a handler; it is answered here, in
 * the error shape, and the connection closed.
 */
export function refuseUnparseable(socket: Duplex) {
  if (!socket.writable) return socket.destroy();
  const body = JSON.stringify(new ApiError("malformed_request", "The request could not be parsed as HTTP").toBody());
  const security = Object.entries({ ...SECURITY_HEADERS, "content-security-policy": API_CSP })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(
    `HTTP/1.1 400 Bad Request\r\n${security}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

// server.mjs is plain JavaScript outside the Next.js bundles; it finds the
// front door here once instrumentation has installed it.
const FRONT_DOOR = Symbol.for("prg-console.front-door");

/** Makes the front door available to server.mjs; a bad TRUSTED_PROXIES stops the start here. */
export function installFrontDoor() {
  trustedProxies();
  (globalThis as Record<symbol, unknown>)[FRONT_DOOR] = { handle: frontDoor, refuseUnparseable };
}
