import { AsyncLocalStorage } from "node:async_hooks";
import { BlockList, isIP } from "node:net";

// Route handlers see a web Request, not the socket, and Next.js keeps any
// X-Forwarded-For the client sent. The console's own server (server.mjs,
// through the front door) records each request's socket address here; the
// store lives on the process because route bundles and the front door are
// bundled apart.
const PEER = Symbol.for("prg-console.peer-address");
const scope = globalThis as typeof globalThis & { [PEER]?: AsyncLocalStorage<string> };
const peerAddresses = (scope[PEER] ??= new AsyncLocalStorage<string>());

/** Runs `fn` as the handling of a request that arrived from `address` (the socket's remote address). */
export function withPeerAddress<T>(address: string, fn: () => T): T {
  return peerAddresses.run(normalize(address), fn);
}

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1 on a dual-stack socket. */
function normalize(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed.toLowerCase();
}

/**
 * Parses TRUSTED_PROXIES: addresses or CIDR ranges, separated by commas or
 * spaces. Anything else is a configuration error, reported at start.
 */
export function parseTrustedProxies(setting: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (setting ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, ...rest] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || rest.length > 0 || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits && /^\d+$/.test(prefix!)))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range (e.g. 10.0.0.1, 10.0.0.0/8, ::1)`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(normalize(address!), type);
    else list.addSubnet(normalize(address!), bits, type);
  }
  return list;
}

let configured: BlockList | undefined;
/** The proxies named by TRUSTED_PROXIES, read once. */
export function trustedProxies(): BlockList {
  configured ??= parseTrustedProxies(process.env.TRUSTED_PROXIES);
  return configured;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The address a request came from, for throttling: the socket's remote
 * address. Only when that is a trusted proxy is X-Forwarded-For read, from
 * the right: each trusted proxy appended the address it saw, so the
 * right-most entry that is not a trusted proxy is the client; entries left of
 * it are whatever the client wrote. "unknown" when the request did not come
 * through the console's server (in-process calls).
 */
export function clientAddress(request: Request, trusted: BlockList = trustedProxies()): string {
  const peer = peerAddresses.getStore();
  if (!peer) return "unknown";
  if (!isTrusted(trusted, peer)) return peer;
  const forwarded = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map(normalize)
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!isTrusted(trusted, forwarded[i]!)) return forwarded[i]!;
  }
  // Every hop is a trusted proxy: the left-most one is as near the client as is known.
  return forwarded[0] ?? peer;
}
