import type { z } from "zod";
import type { Permission } from "../auth/roles.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The largest request body an operation reads unless it names another limit. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** A body limit as the API states it, in its messages and its document. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/**
 * One API operation: the schemas here validate its requests in the route
 * handler and generate its entry in /api/openapi.json.
 */
export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  A extends boolean = boolean,
> {
  method: HttpMethod;
  /** The name the catalogue exports it under (set by endpoints/index.ts). */
  operationId?: string;
  /** OpenAPI path template, e.g. /api/nodes/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** false only for health and sign-in. */
  auth: A;
  /**
   * What the signed-in account's role must allow (lib/auth/roles.ts); the
   * route wrapper answers 403 otherwise. Required, so no write can forget it.
   */
  permission: Permission;
  params?: P;
  query?: Q;
  body?: B;
  /** Largest request body in bytes, refused with 413 before it is read; DEFAULT_BODY_LIMIT unless given. */
  bodyLimit?: number;
  response: R;
  /** Media type of a successful answer; application/json unless given. */
  responseType?: "application/json" | "text/event-stream" | "text/csv";
  /** Success status; 200 unless given. */
  status?: 200 | 201 | 202 | 204;
  /**
   * Error statuses this operation answers for its own rules; those that
   * follow from its shape (401 with auth, 403 for writes, 400/413/422 with a
   * body, 404 with path params, 422 with a query, 500) are added by the
   * OpenAPI generator.
   */
  errors?: (401 | 404 | 409 | 429 | 503)[];
}

export function endpoint<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  const A extends boolean,
>(e: Endpoint<P, Q, B, R, A>): Endpoint<P, Q, B, R, A> {
  return e;
}
