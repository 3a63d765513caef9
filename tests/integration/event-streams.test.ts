import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import * as stream from "@/app/api/events/stream/route.ts";
import * as session from "@/app/api/session/route.ts";
import { sessionKey } from "@/lib/auth/sessions.ts";
import { SESSION_RECHECK_MS, STREAMS_PER_SESSION } from "@/lib/http/event-streams.ts";
import { call } from "./support/call.ts";
import { expectError } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

async function open(cookie: string) {
  const abort = new AbortController();
  const response = await stream.GET(new NextRequest("http://127.0.0.1/api/events/stream", { headers: { cookie }, signal: abort.signal }), {
    params: Promise.resolve({}),
  });
  const reader = response.status === 200 ? response.body!.getReader() : undefined;
  return { response, abort, reader };
}

const decoder = new TextDecoder();

/** The next chunk of the stream, `null` once it has ended; fails if nothing comes within `ms`. */
async function next(reader: ReadableStreamDefaultReader<Uint8Array>, ms = 3000): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
  });
  try {
    const { done, value } = await Promise.race([reader.read(), timeout]);
    return done ? null : decoder.decode(value);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads until the stream ends; fails if it is still open after `ms`. */
async function ended(reader: ReadableStreamDefaultReader<Uint8Array>, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) if ((await next(reader, deadline - Date.now())) === null) return true;
  return false;
}

const token = (cookie: string) => decodeURIComponent(cookie.split("=")[1]!);

describe("GET /api/events/stream", () => {
  it("serves text/event-stream, starting with a tick", async () => {
    const cookie = await signInAsAdmin();
    const { response, abort, reader } = await open(cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(await next(reader!)).toMatch(/^event: tick\ndata: \{"labNow":/);
    abort.abort();
  });

  it(`allows ${STREAMS_PER_SESSION} open streams per session; more get 429 until one closes`, async () => {
    const cookie = await signInAsAdmin();
    const other = await signInAsAdmin();
    const streams = await Promise.all(Array.from({ length: STREAMS_PER_SESSION }, () => open(cookie)));
    expect(streams.map((s) => s.response.status)).toEqual(Array(STREAMS_PER_SESSION).fill(200));

    const refused = await open(cookie);
    const body = await refused.response.json();
    expectError({ status: refused.response.status, body, headers: refused.response.headers }, 429, "too_many_requests");
    expect(body.error.message).toContain(`At most ${STREAMS_PER_SESSION} event streams`);
    // The cap is per session: another session is not affected.
    const elsewhere = await open(other);
    expect(elsewhere.response.status).toBe(200);

    streams[0]!.abort.abort();
    expect(await ended(streams[0]!.reader!)).toBe(true);
    const again = await open(cookie);
    expect(again.response.status).toBe(200);
    for (const s of [...streams, again, elsewhere]) s.abort.abort();
  });

  it("ends every stream of a session when it signs out, and only those", async () => {
    const cookie = await signInAsAdmin();
    const other = await signInAsAdmin();
    const mine = [await open(cookie), await open(cookie)];
    const theirs = await open(other);
    for (const s of [...mine, theirs]) expect(await next(s.reader!)).toContain("event: tick");

    expect((await call(session.DELETE, { method: "DELETE", path: "/api/session", cookie })).status).toBe(200);
    for (const s of mine) expect(await ended(s.reader!)).toBe(true);
    expect(await next(theirs.reader!)).toContain("event: tick");
    theirs.abort.abort();
    // Reconnecting with the ended session is refused.
    const reconnect = await open(cookie);
    expect(reconnect.response.status).toBe(401);
  });

  it("ends a stream when its session expires", async () => {
    const cookie = await signInAsAdmin();
    await runtime().db.session.update({ where: { tokenHash: sessionKey(token(cookie)) }, data: { expiresAt: new Date(Date.now() + 1500) } });
    const { response, reader } = await open(cookie);
    expect(response.status).toBe(200);
    const started = Date.now();
    expect(await ended(reader!, 5000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect((await open(cookie)).response.status).toBe(401);
  });

  it("ends a stream whose session was ended elsewhere (another process, the shell) at the next check", async () => {
    const cookie = await signInAsAdmin();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const { response, reader, abort } = await open(cookie);
      expect(response.status).toBe(200);
      expect(await next(reader!)).toContain("event: tick");
      await runtime().db.session.delete({ where: { tokenHash: sessionKey(token(cookie)) } });
      await vi.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
      expect(await ended(reader!)).toBe(true);
      abort.abort();
    } finally {
      vi.useRealTimers();
    }
  });
});
