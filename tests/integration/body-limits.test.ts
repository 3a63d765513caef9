import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as groupsRoute from "@/app/api/groups/route.ts";
import * as session from "@/app/api/session/route.ts";
import * as importRoute from "@/app/api/users/import/route.ts";
import { DEFAULT_BODY_LIMIT } from "@/lib/api/endpoint.ts";
import { ALL_ENDPOINTS } from "@/lib/api/endpoints/index.ts";
import { importUsers } from "@/lib/api/endpoints/users.ts";
import { expectError, leavesUnchanged } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

const noParams = { params: Promise.resolve({}) };
/** A request whose body streams in; `duplex` is required for that and missing from the types. */
type StreamingInit = NonNullable<ConstructorParameters<typeof NextRequest>[1]>;
const MB = 1024 * 1024;

async function answer(response: Response) {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A body of `total` bytes made as it is read, counting how much was read. */
function lazyBody(total: number, chunk = 16 * 1024) {
  const counter = { pulled: 0 };
  const piece = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk;
      controller.enqueue(piece);
    },
  });
  return { stream, counter };
}

describe("request bodies are capped before they are read", () => {
  it("a sign-in declaring 100 MB is refused with 413 at once, without reading it", async () => {
    const { stream, counter } = lazyBody(100 * MB);
    const request = new NextRequest("http://127.0.0.1/api/session", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(100 * MB) },
      body: stream,
      duplex: "half",
    } as StreamingInit);
    const started = performance.now();
    const refused = await answer(await session.POST(request, noParams));
    expect(performance.now() - started).toBeLessThan(1000);
    expectError(refused, 413, "payload_too_large");
    expect(refused.body.error.message).toBe("The request body may be at most 64 KiB");
    expect(counter.pulled).toBeLessThanOrEqual(16 * 1024);
  });

  it("a 100 MB sign-in streamed without a length is read only up to the limit, then refused with 413", async () => {
    const { stream, counter } = lazyBody(100 * MB);
    const request = new NextRequest("http://127.0.0.1/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as StreamingInit);
    const heapBefore = process.memoryUsage().arrayBuffers;
    const refused = await answer(await session.POST(request, noParams));
    expectError(refused, 413, "payload_too_large");
    // The stream may have been asked for a few chunks ahead of the reader; never much past the limit.
    expect(counter.pulled).toBeLessThan(DEFAULT_BODY_LIMIT + 4 * 16 * 1024);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(10 * MB);
  });

  it("a write just over the limit is refused and changes nothing; one within it is read", async () => {
    const write = (name: string, padding: number) =>
      groupsRoute.POST(
        new NextRequest("http://127.0.0.1/api/groups", {
          method: "POST",
          headers: { "content-type": "application/json", host: "127.0.0.1", origin: "http://127.0.0.1", cookie },
          body: JSON.stringify({ name, description: "", server1Id: 999999, padding: " ".repeat(padding) }),
        }),
        noParams,
      );
    const groups = () => runtime().db.presenceRedundancyGroup.findMany({ orderBy: { id: "asc" } });
    await leavesUnchanged(groups, async () => {
      expectError(await answer(await write("Oversized", DEFAULT_BODY_LIMIT)), 413, "payload_too_large");
    });
    // Within the limit the body is read and judged on its content.
    expect((await answer(await write("Within", DEFAULT_BODY_LIMIT - 1024))).status).toBe(422);
  });

  it("the CSV import alone takes larger bodies, up to its own documented limit", async () => {
    expect(importUsers.bodyLimit).toBeGreaterThan(32 * MB);
    for (const ep of ALL_ENDPOINTS.filter((e) => e !== importUsers)) expect(ep.bodyLimit ?? DEFAULT_BODY_LIMIT).toBe(DEFAULT_BODY_LIMIT);

    const csv = `userId,firstName,lastName\n${Array.from({ length: 4000 }, (_, i) => `bulk.${i},${"F".repeat(40)},${"L".repeat(40)}`).join("\n")}`;
    expect(csv.length).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    const imported = await answer(
      await importRoute.POST(
        new NextRequest("http://127.0.0.1/api/users/import", {
          method: "POST",
          headers: { "content-type": "application/json", host: "127.0.0.1", origin: "http://127.0.0.1", cookie },
          body: JSON.stringify({ csv }),
        }),
        noParams,
      ),
    );
    expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(201);
    expect(imported.body.imported).toBe(4000);

    const { stream } = lazyBody(importUsers.bodyLimit! + MB);
    const tooBig = await answer(
      await importRoute.POST(
        new NextRequest("http://127.0.0.1/api/users/import", {
          method: "POST",
          headers: { "content-type": "application/json", host: "127.0.0.1", origin: "http://127.0.0.1", cookie, "content-length": String(importUsers.bodyLimit! + MB) },
          body: stream,
          duplex: "half",
        } as StreamingInit),
        noParams,
      ),
    );
    expectError(tooBig, 413, "payload_too_large");
    expect(tooBig.body.error.message).toBe("The request body may be at most 40 MiB");
  });

  it("a body that is not UTF-8 is malformed: 400", async () => {
    const request = new NextRequest("http://127.0.0.1/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expectError(await answer(await session.POST(request, noParams)), 400, "malformed_request");
  });
});
