import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import type { Endpoint } from "../api/endpoint.ts";
import { findSessionUser, SESSION_COOKIE, type SessionUser } from "../auth/sessions.ts";
import { getRuntime, type Runtime } from "../server/runtime.ts";
import { ApiError, toApiError, validationError } from "./errors.ts";

export interface HandlerContext<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends boolean> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** null only on endpoints with auth: false. */
  user: A extends true ? SessionUser : SessionUser | null;
  runtime: Runtime;
  request: NextRequest;
}

/**
 * Wraps a route handler: checks the session, validates params, query and body
 * against the endpoint's schemas, and answers every failure in the API's one
 * error shape. Path params that do not parse name no existing record: 404.
 */
export function handle<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  A extends boolean,
>(ep: Endpoint<P, Q, B, R, A>, fn: (ctx: HandlerContext<P, Q, B, A>) => Promise<z.input<R> | Response>) {
  return async (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => {
    try {
      refuseCrossOrigin(request);
      const runtime = await getRuntime();
      const user = await findSessionUser(runtime.db, request.cookies.get(SESSION_COOKIE)?.value);
      if (ep.auth && !user) throw new ApiError("unauthorized", "Sign in to use this API");

      let params: unknown;
      if (ep.params) {
        const result = ep.params.safeParse(await context.params);
        if (!result.success) throw new ApiError("not_found", "No such record");
        params = result.data;
      }
      let query: unknown;
      if (ep.query) {
        const result = ep.query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
        if (!result.success) throw validationError(result.error, "query");
        query = result.data;
      }
      let body: unknown;
      if (ep.body) {
        const result = ep.body.safeParse(await readJson(request));
        if (!result.success) throw validationError(result.error, "request");
        body = result.data;
      }

      const out = await fn({ params, query, body, user, runtime, request } as HandlerContext<P, Q, B, A>);
      if (out instanceof Response) return out;
      if (ep.status === 204) return new NextResponse(null, { status: 204 });
      return NextResponse.json(out, { status: ep.status ?? 200 });
    } catch (err) {
      const apiError = toApiError(err);
      return NextResponse.json(apiError.toBody(), { status: apiError.status });
    }
  };
}

/**
 * Writes must come from the console's own origin. SameSite cookies already
 * stop other sites; this also stops other origins on the same host (another
 * port of a lab machine), which count as same-site.
 */
function refuseCrossOrigin(request: NextRequest) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("host") ?? request.nextUrl.host;
  if (origin && URL.canParse(origin) && new URL(origin).host !== host) {
    throw new ApiError("forbidden", "Requests from another origin are refused");
  }
}

async function readJson(request: NextRequest): Promise<unknown> {
  // A JSON content type cannot be sent by a plain HTML form, which closes the
  // last cross-site write path.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new ApiError("malformed_request", "The request body must be JSON, sent with Content-Type: application/json");
  }
  const text = await request.text();
  if (!text.trim()) throw new ApiError("malformed_request", "The request body must be a JSON document");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("malformed_request", "The request body is not valid JSON");
  }
}
