import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frontDoor, refuseUnparseable } from "@/lib/http/front-door.ts";
import { serve } from "./support/api-router.ts";
import { expectError } from "./support/expect.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

useTestRuntime();

// The console's server as server.mjs runs it, with the route files served in
// process instead of by the Next.js router.
let server: http.Server;
let port = 0;
beforeAll(async () => {
  server = http.createServer((req, res) =>
    frontDoor(req, res, async () => {
      const response = await serve({
        method: req.method!,
        target: req.url!,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])),
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    }),
  );
  server.on("clientError", (_error, socket) => refuseUnparseable(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Sent {
  method?: string;
  path: string;
  from?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request over a socket bound to `from`, so the server sees that address. */
function send({ method = "GET", path, from = "127.0.0.1", headers = {}, body }: Sent) {
  return new Promise<{ status: number; headers: Headers; body: any }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, localAddress: from, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
        resolve({ status: res.statusCode!, headers, body: text ? JSON.parse(text) : null });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const signIn = (from: string, password: string, headers: Record<string, string> = {}) =>
  send({
    method: "POST",
    path: "/api/session",
    from,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username: "admin", password }),
  });

describe("sign-in throttling keys on the socket address", () => {
  it("a new X-Forwarded-For on every guess does not get past the limit", async () => {
    for (let i = 1; i <= 10; i++) {
      expect((await signIn("127.0.0.2", "wrong", { "x-forwarded-for": `203.0.113.${i}` })).status).toBe(401);
    }
    const blocked = await signIn("127.0.0.2", TEST_ADMIN_PASSWORD, { "x-forwarded-for": "203.0.113.200" });
    expectError(blocked, 429, "too_many_requests");
    expect(blocked.headers.get("set-cookie")).toBeNull();
  });

  it("failures claiming another client's address do not lock that client out", async () => {
    for (let i = 1; i <= 11; i++) {
      expect([401, 429]).toContain((await signIn("127.0.0.3", "wrong", { "x-forwarded-for": "127.0.0.4" })).status);
    }
    expect((await signIn("127.0.0.3", TEST_ADMIN_PASSWORD)).status).toBe(429);
    const victim = await signIn("127.0.0.4", TEST_ADMIN_PASSWORD);
    expect(victim.status).toBe(200);
    expect(victim.headers.get("set-cookie")).not.toBeNull();
  });
});

describe("requests refused before routing, in the error shape", () => {
  it("malformed percent-encoding in the path: 400", async () => {
    for (const path of ["/api/groups/%FF", "/api/groups/%zz", "/api/%E0%A4%A", "/api/users/%C0%80", "/api/nodes/1/services/%"]) {
      expectError(await send({ path }), 400, "malformed_request");
      expectError(await send({ method: "DELETE", path }), 400, "malformed_request");
    }
  });

  it("TRACE and every method a path does not have: 405 with Allow listing those it has", async () => {
    const trace = await send({ method: "TRACE", path: "/api/groups" });
    expectError(trace, 405, "method_not_allowed");
    expect(trace.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    const put = await send({ method: "PUT", path: "/api/groups/1" });
    expectError(put, 405, "method_not_allowed");
    expect(put.headers.get("allow")).toBe("DELETE, GET, HEAD, OPTIONS, PATCH");
    const getImport = await send({ method: "GET", path: "/api/users/import" });
    expectError(getImport, 405, "method_not_allowed");
    expect(getImport.headers.get("allow")).toBe("OPTIONS, POST");
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "PURGE"]) {
      expectError(await send({ method, path: "/api/session" }), 405, "method_not_allowed");
      expectError(await send({ method, path: "/api/no-such-thing" }), 404, "not_found");
    }
  });

  it("a request Node cannot parse (an unknown method, a broken request line): 400 in the error shape", async () => {
    for (const head of ["FOO /api/groups HTTP/1.1", "GET /api/groups HTTP/9", "GET /api/groups\u0000 HTTP/1.1"]) {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1", () => socket.write(`${head}\r\nHost: 127.0.0.1\r\n\r\n`));
        const chunks: Buffer[] = [];
        socket.on("data", (c) => chunks.push(c));
        socket.on("end", () => resolve(Buffer.concat(chunks).toString()));
        socket.on("error", reject);
      });
      expect(raw, head).toMatch(/^HTTP\/1\.1 400 /);
      const body = JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4));
      expect(body).toEqual({ error: { code: "malformed_request", message: "The request could not be parsed as HTTP" } });
    }
  });

  it("OPTIONS answers Allow", async () => {
    const options = await send({ method: "OPTIONS", path: "/api/nodes/7/services/Cisco%20XCP%20Router" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("OPTIONS, POST");
  });
});
