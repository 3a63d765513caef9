import { NextRequest } from "next/server";

type RouteHandler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string | string[]>> },
) => Response | Promise<Response>;

export interface Call {
  method?: string;
  path: string;
  body?: unknown;
  /** A raw body, sent as is (for malformed JSON). */
  rawBody?: string;
  cookie?: string;
  /** More request headers, e.g. Authorization or Origin. */
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls a route handler in-process with a real request, as Next.js would. */
export async function call<T = any>(handler: RouteHandler, c: Call): Promise<Answer<T>> {
  const headers = new Headers(c.headers);
  if (c.cookie) headers.set("cookie", c.cookie);
  // A browser names the page's origin on every write.
  if (!headers.has("host")) headers.set("host", "127.0.0.1");
  if ((c.method ?? "GET") !== "GET" && !headers.has("origin")) headers.set("origin", "http://127.0.0.1");
  let body: string | undefined = c.rawBody;
  if (c.body !== undefined) {
    body = JSON.stringify(c.body);
    headers.set("content-type", "application/json");
  }
  const request = new NextRequest(new URL(c.path, "http://127.0.0.1"), { method: c.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(c.params ?? {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** The `name=value` part of a Set-Cookie header, to send back. */
export function cookieFrom(answer: Answer): string {
  const setCookie = answer.headers.get("set-cookie");
  if (!setCookie) throw new Error("no Set-Cookie in the answer");
  return setCookie.split(";")[0]!;
}
