// Optional HTTPS for server.mjs: plain JavaScript, since server.mjs runs
// outside the Next.js bundles with node alone.
import { readFileSync } from "node:fs";

/**
 * TLS_CERT and TLS_KEY name PEM files (the certificate, with its chain after
 * it, and its private key). Both set: the console serves HTTPS; neither: HTTP;
 * one alone, or a file that cannot be read, stops the start with the reason.
 * @param {Record<string, string | undefined>} env
 * @returns {{ cert: Buffer, key: Buffer } | null}
 */
export function tlsOptionsFromEnv(env) {
  const certPath = env.TLS_CERT || undefined;
  const keyPath = env.TLS_KEY || undefined;
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) throw new Error("TLS_CERT and TLS_KEY must be set together (PEM certificate and private key files)");
  const read = (name, path) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new Error(`${name}: cannot read ${path}: ${err.message}`);
    }
  };
  return { cert: read("TLS_CERT", certPath), key: read("TLS_KEY", keyPath) };
}
