import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { DEFAULT_BODY_LIMIT, type Endpoint } from "../api/endpoint.ts";
// Names every endpoint (operationId) for the audit log, also in a route bundle that imports one endpoint module alone.
import "../api/endpoints/index.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { refusal } from "../auth/roles.ts";
import { findSession, SESSION_COOKIE, type Session, type SessionUser } from "../auth/sessions.ts";
import { bearerSecret, findTokenSession } from "../tokens/api-tokens.ts";
import { getRuntime, type Runtime } from "../server/runtime.ts";
import { clientAddress } from "./client-address.ts";
import { sessionLocale } from "../i18n/account-locale.ts";
import { localizedErrorBody } from "../i18n/api-errors.ts";
import { ApiError, toApiError, validationError } from "./errors.ts";
import { readJsonBody, refuseDeclaredTooLarge } from "./request-body.ts";

export interface HandlerContext<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends boolean> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** null only on endpoints with auth: false. */
  user: A extends true ? SessionUser : SessionUser | null;
  session: A extends true ? Session : Session | null;
  runtime: Runtime;
  request: NextRequest;
  /** What the audit row of this write adds: the record before and after an edit, or the account a sign-in named. */
  audit: AuditNote;
}

export interface AuditNote {
  before?: unknown;
  after?: unknown;
  /** The account the row is about, when not the signed-in one (the name a sign-in tried). */
  username?: string;
}

interface Seen {
  runtime?: Runtime;
  user?: SessionUser | null;
  params?: unknown;
  body?: unknown;
  note: AuditNote;
}

/**
 * Wraps a route handler: checks the session (or the API token of an
 * `Authorization: Bearer` header, which then decides alone), validates params, query and body
 * against the endpoint's schemas, and answers every failure in the API's one
 * error shape. Path params that do not parse name no existing record: 404.
 * The account's role must allow the endpoint's permission (403 otherwise), and
 * every write, done or refused, leaves a row in the audit log.
 */
export function handle<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  A extends boolean,
>(ep: Endpoint<P, Q, B, R, A>, fn: (ctx: HandlerContext<P, Q, B, A>) => Promise<z.input<R> | Response>) {
  return async (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => {
    const started = performance.now();
    const seen: Seen = { note: {} };
    const response = await answer(request, context, seen);
    if (ep.method !== "GET") await audit(request, response, seen);
    // Timed by the catalogue's path template, so ids do not make a series each.
    seen.runtime?.metrics.httpDuration.observe(
      { method: ep.method, route: ep.path, status: String(response.status) },
      (performance.now() - started) / 1000,
    );
    return response;
  };

  async function answer(
    request: NextRequest,
    context: { params: Promise<Record<string, string | string[]>> },
    seen: Seen,
  ): Promise<Response> {
    try {
      const bearer = bearerSecret(request.headers.get("authorization"));
      // A bearer secret is sent on purpose, never by a browser on its own, so no other origin can ride it.
      if (bearer === undefined) refuseCrossOrigin(request);
      const bodyLimit = ep.bodyLimit ?? DEFAULT_BODY_LIMIT;
      // Refused by its declared size before anything else is spent on it.
      if (ep.body) refuseDeclaredTooLarge(request, bodyLimit);
      const runtime = await getRuntime();
      seen.runtime = runtime;
      const session =
        bearer === undefined
          ? await findSession(runtime.db, request.cookies.get(SESSION_COOKIE)?.value)
          : await findTokenSession(runtime.db, bearer);
      const user = session?.user ?? null;
      seen.user = user;
      if (ep.auth && !user) {
        throw bearer === undefined
          ? new ApiError("unauthorized", "Sign in to use this API").withMessage("api.signIn")
          : new ApiError("unauthorized", "The API token is not valid or was revoked").withMessage("api.badToken");
      }
      if (ep.auth && user) {
        const refused = refusal(user.role, ep.permission);
        if (refused) throw new ApiError("forbidden", refused).withMessage("api.roleRefused", { role: { key: `role.${user.role}` }, permission: { key: `permission.${ep.permission}` } });
        if (user.mustChangePassword && ep.permission !== "self") {
          throw new ApiError("forbidden", "The password of this account was reset: choose a new one first (PUT /api/account/password)").withMessage("api.passwordReset");
        }
      }

      let params: unknown;
      if (ep.params) {
        const result = ep.params.safeParse(await context.params);
        seen.params = await context.params;
        if (!result.success) throw new ApiError("not_found", "No such record").withMessage("api.noSuchRecord");
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
        const result = ep.body.safeParse(await readJsonBody(request, bodyLimit));
        if (!result.success) throw validationError(result.error, "request");
        body = result.data;
        seen.body = body;
      }

      const out = await fn({ params, query, body, user, session, runtime, request, audit: seen.note } as HandlerContext<P, Q, B, A>);
      if (out instanceof Response) return out;
      if (ep.status === 204) return new NextResponse(null, { status: 204 });
      return NextResponse.json(out, { status: ep.status ?? 200 });
    } catch (err) {
      const apiError = toApiError(err);
      // A page's requests answer in the language its account chose, which may not be the browser's.
      const saved = seen.runtime ? await sessionLocale(seen.runtime.db, request.cookies.get(SESSION_COOKIE)?.value).catch(() => null) : null;
      return NextResponse.json(await localizedErrorBody(apiError, request.headers.get("accept-language"), saved), { status: apiError.status });
    }
  }

  async function audit(request: NextRequest, response: Response, seen: Seen) {
    // A write refused before the runtime was asked for (another origin, a declared oversize body) is recorded too.
    const runtime = seen.runtime ?? (await getRuntime().catch(() => undefined));
    if (!runtime) return;
    let message: string | null = null;
    if (response.status >= 400) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { error?: { message?: string } } | null;
      message = body?.error?.message ?? null;
    }
    const { before, after, username } = seen.note;
    try {
      await appendAudit(runtime.db, {
        username: username ?? seen.user?.username ?? null,
        address: clientAddress(request),
        action: ep.operationId ?? `${ep.method} ${ep.path}`,
        method: ep.method,
        path: request.nextUrl.pathname,
        status: response.status,
        message,
        detail: {
          ...(seen.params !== undefined ? { params: seen.params } : {}),
          ...(seen.body !== undefined ? { body: seen.body } : {}),
          ...(before !== undefined ? { before } : {}),
          ...(after !== undefined ? { after } : {}),
        },
      });
    } catch (err) {
      // The change is done and answered: a lost audit row is reported, not turned into an error for it.
      console.error(`audit log: could not record ${ep.method} ${request.nextUrl.pathname}:`, err);
    }
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Writes must come from the console's own origin. SameSite cookies already
 * stop other sites; this also stops other origins on the same host (another
 * port of a lab machine), which count as same-site. Browsers send Origin on
 * every write; `null` (sandboxed frames, privacy redirects) or an Origin that
 * does not parse names no origin of the console. Without an Origin the
 * Referer decides. A write carrying the session cookie with neither names
 * no origin at all and is refused too: browsers always send one of them, so
 * only a stripped request (a privacy proxy, a forged form post through an
 * odd client) arrives without, and it must not ride the cookie. Clients that
 * are not browsers sign in without a cookie or send Origin themselves.
 */
function refuseCrossOrigin(request: NextRequest) {
  if (SAFE_METHODS.has(request.method)) return;
  const from = request.headers.get("origin") ?? request.headers.get("referer");
  if (from === null) {
    if (request.cookies.has(SESSION_COOKIE)) throw new ApiError("forbidden", "A write with a session cookie must say its origin (Origin header)").withMessage("api.originMissing");
    return;
  }
  const host = request.headers.get("host") ?? request.nextUrl.host;
  if (!URL.canParse(from) || new URL(from).host !== host) {
    throw new ApiError("forbidden", "Requests from another origin are refused").withMessage("api.otherOrigin");
  }
}
