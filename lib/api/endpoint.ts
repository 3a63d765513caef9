import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

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
  /** OpenAPI path template, e.g. /api/nodes/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** false only for health and sign-in. */
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status; 200 unless given. */
  status?: 200 | 201 | 202 | 204;
  /** Error statuses this operation can answer besides 401/422/500. */
  errors?: (400 | 403 | 404 | 409 | 429)[];
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
