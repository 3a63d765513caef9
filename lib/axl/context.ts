import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import { toApiError, type ApiError } from "../http/errors.ts";
import { AXL_CODE, AxlFault } from "./faults.ts";

/** What an AXL operation runs with: the database, the HA controller and who asked. */
export interface AxlContext {
  db: Db;
  controller: HaController;
  actor: string;
}

/** The console's field names, as the AXL elements that carry them. */
const AXL_FIELD: Record<string, string> = { server1Id: "server1", server2Id: "server2" };

/**
 * The domain's refusals in AXL's words: the message is the one the pages and
 * JSON API give, prefixed by the AXL element it concerns.
 */
export function faultFrom(err: unknown): AxlFault {
  if (err instanceof AxlFault) return err;
  const apiError: ApiError = toApiError(err);
  const [field] = Object.keys(apiError.fields ?? {});
  // Validation messages name the console's field; AXL's element is named instead.
  const text =
    apiError.code === "validation_failed" && field && field !== "_"
      ? `${AXL_FIELD[field] ?? field}: ${apiError.fields![field]}`
      : apiError.message;
  switch (apiError.code) {
    case "not_found":
      return new AxlFault("Client", AXL_CODE.notFound, text);
    case "conflict":
      return new AxlFault("Client", field === "name" ? AXL_CODE.duplicate : AXL_CODE.invalid, text);
    case "internal_error":
      return new AxlFault("Server", 5000, "An internal error occurred");
    default:
      return new AxlFault("Client", AXL_CODE.invalid, text);
  }
}

/** A required element is missing or empty. */
export function missing(element: string): AxlFault {
  return new AxlFault("Client", AXL_CODE.invalid, `${element} is required`);
}

/** Whole numbers AXL takes in skip and first. */
export function wholeNumber(value: string | undefined, element: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new AxlFault("Client", AXL_CODE.invalid, `${element} must be a whole number`);
  return Number(value);
}

/** AXL booleans: true/false (and t/f, 1/0, as the product accepts). */
export function booleanValue(value: string, element: string): boolean {
  const v = value.toLowerCase();
  if (["true", "t", "1"].includes(v)) return true;
  if (["false", "f", "0"].includes(v)) return false;
  throw new AxlFault("Client", AXL_CODE.invalid, `${element} must be true or false`);
}

/** searchCriteria patterns: `%` matches any run of characters; case is ignored. */
export function likePattern(pattern: string): RegExp {
  const body = pattern
    .split("%")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "is");
}

/** skip and first over a whole result, as listX does. */
export function page<T>(items: T[], skip: number | undefined, first: number | undefined): T[] {
  const start = skip ?? 0;
  return items.slice(start, first === undefined ? undefined : start + first);
}
