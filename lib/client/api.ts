import type { ErrorBody } from "../http/errors.ts";

/** An API error as the pages see it: the server's message and field errors. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody["error"],
  ) {
    super(body.message);
  }
}

/**
 * fetch for the console's own API: JSON in and out, errors thrown as
 * ApiClientError, and an expired session sends the admin to sign in again.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const body = (data as ErrorBody | null)?.error ?? {
      code: "internal_error" as const,
      message: `Request failed with status ${response.status}`,
    };
    if (response.status === 401 && !path.startsWith("/api/session")) {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw new ApiClientError(response.status, body);
  }
  return data as T;
}
