import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frontDoor } from "@/lib/http/front-door.ts";
import { tlsOptionsFromEnv } from "@/lib/http/tls.mjs";
import { proxy } from "@/proxy.ts";
import { serve } from "./support/api-router.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

useTestRuntime();

// The console's server as server.mjs builds it (front door, then the routes), over HTTP and over HTTPS
// with a self-signed certificate made here by openssl.
const handler = (req: http.IncomingMessage, res: http.ServerResponse) =>
  frontDoor(req, res, async () => {
    const response = await serve({
      method: req.method!,
      target: req.url!,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])),
      body: req.method === "GET" || req.method === "HEAD" ? null : (Readable.toWeb(req) as ReadableStream<Uint8Array>),
    });
    const headers = new Headers(response.headers);
    const cookies = response.headers.getSetCookie();
    headers.delete("set-cookie");
    res.writeHead(response.status, { ...Object.fromEntries(headers), ...(cookies.length ? { "set-cookie": cookies } : {}) });
    res.end(Buffer.from(await response.arrayBuffer()));
  });

let dir = "";
let cert: Buffer;
let plain: http.Server;
let secure: https.Server;
const ports = { http: 0, https: 0 };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "prg-tls-"));
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1",
    "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
  ], { stdio: "ignore" });
  const tls = tlsOptionsFromEnv({ TLS_CERT: path.join(dir, "cert.pem"), TLS_KEY: path.join(dir, "key.pem") })!;
  cert = tls.cert;
  plain = http.createServer(handler);
  secure = https.createServer(tls, handler);
  await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
  await new Promise<void>((r) => secure.listen(0, "127.0.0.1", r));
  ports.http = (plain.address() as AddressInfo).port;
  ports.https = (secure.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => (plain ? plain.close(r) : r(undefined)));
  await new Promise((r) => (secure ? secure.close(r) : r(undefined)));
  rmSync(dir, { recursive: true, force: true });
});

function send(scheme: "http" | "https", method: string, target: string, body?: unknown) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const options = {
      host: "127.0.0.1",
      port: ports[scheme],
      method,
      path: target,
      agent: false,
      ca: cert,
      headers: { origin: `${scheme}://127.0.0.1:${ports[scheme]}`, host: `127.0.0.1:${ports[scheme]}`, ...(data ? { "content-type": "application/json" } : {}) },
    };
    const req = (scheme === "https" ? https : http).request(options, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(data);
  });
}

function expectSecurityHeaders(headers: http.IncomingHttpHeaders | Headers) {
  const get = (n: string) => (headers instanceof Headers ? headers.get(n) : (headers[n] as string | undefined));
  expect(get("x-content-type-options")).toBe("nosniff");
  expect(get("referrer-policy")).toBe("same-origin");
  expect(get("x-frame-options")).toBe("DENY");
  expect(get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
}

describe("security headers", () => {
  it("on API answers, refusals included: a deny-all policy", async () => {
    for (const [method, target, status] of [
      ["GET", "/api/health", 200],
      ["GET", "/api/nodes", 401],
      ["DELETE", "/api/health", 405],
      ["GET", "/api/%FF", 400],
    ] as const) {
      const answer = await send("http", method, target);
      expect(answer.status, target).toBe(status);
      expectSecurityHeaders(answer.headers);
      expect(answer.headers["content-security-policy"]).toMatch(/default-src 'none'/);
      expect(answer.headers["strict-transport-security"]).toBeUndefined();
    }
  });

  it("on pages: a fresh nonce each time, no inline script without it, no framing", () => {
    const policies = [1, 2].map(() => {
      const response = proxy(new NextRequest("http://127.0.0.1/system/server"));
      const csp = response.headers.get("content-security-policy")!;
      // Next.js reads the nonce from the policy on the request it renders.
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      return csp;
    });
    for (const csp of policies) {
      const script = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
      expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
      expect(script).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
    }
    expect(policies[0]).not.toBe(policies[1]);
  });
});

describe("HTTPS with the administrator's certificate", () => {
  it("serves TLS, says so with HSTS, and marks the session cookie Secure only there", async () => {
    const health = await send("https", "GET", "/api/health");
    expect(health.status).toBe(200);
    expectSecurityHeaders(health.headers);
    expect(health.headers["strict-transport-security"]).toMatch(/max-age=\d+/);

    const credentials = { username: "admin", password: TEST_ADMIN_PASSWORD };
    const overTls = await send("https", "POST", "/api/session", credentials);
    expect(overTls.status).toBe(200);
    expect(String(overTls.headers["set-cookie"])).toMatch(/;\s*Secure/i);
    const overHttp = await send("http", "POST", "/api/session", credentials);
    expect(overHttp.status).toBe(200);
    expect(String(overHttp.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
  });

  it("TLS_CERT and TLS_KEY go together, and an unreadable file is named", () => {
    expect(tlsOptionsFromEnv({})).toBeNull();
    expect(() => tlsOptionsFromEnv({ TLS_CERT: path.join(dir, "cert.pem") })).toThrow(/together/);
    expect(() => tlsOptionsFromEnv({ TLS_CERT: "/nonexistent/cert.pem", TLS_KEY: path.join(dir, "key.pem") })).toThrow(/TLS_CERT: cannot read/);
    expect(readFileSync(path.join(dir, "cert.pem"), "utf8")).toMatch(/BEGIN CERTIFICATE/);
  });
});
