import { formatBytes } from "../api/endpoint.ts";
import { ApiError } from "./errors.ts";

function tooLarge(limit: number): ApiError {
  return new ApiError("payload_too_large", `The request body may be at most ${formatBytes(limit)}`).withMessage("api.bodyTooLarge", { limit: formatBytes(limit) });
}

/** Refuses a body whose declared Content-Length exceeds `limit`, before any of it is read. */
export function refuseDeclaredTooLarge(request: Request, limit: number) {
  const declared = request.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit);
}

/**
 * The body's bytes, refused as soon as it is known to exceed `limit`: by its
 * declared Content-Length before anything is read, or by counting while it
 * streams in. Reading stops there, so a huge body costs neither memory nor
 * the event loop.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  refuseDeclaredTooLarge(request, limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw tooLarge(limit);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as JSON, sent with a JSON content type and at most `limit` bytes. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  // A JSON content type cannot be sent by a plain HTML form, which closes the
  // last cross-site write path.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new ApiError("malformed_request", "The request body must be JSON, sent with Content-Type: application/json").withMessage("api.bodyNotJsonType");
  }
  const bytes = await readBodyBytes(request, limit);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError("malformed_request", "The request body is not valid UTF-8").withMessage("api.bodyNotUtf8");
  }
  if (!text.trim()) throw new ApiError("malformed_request", "The request body must be a JSON document").withMessage("api.bodyEmpty");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("malformed_request", "The request body is not valid JSON").withMessage("api.bodyNotJson");
  }
}
