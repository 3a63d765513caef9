import { z } from "zod";
import { english, ruleOf } from "./rule-messages.ts";

/** The error codes of the public API, with the HTTP status each maps to. */
export const ERROR_STATUS = {
  malformed_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  too_many_requests: 429,
  internal_error: 500,
  /** No console instance runs the HA controller at the moment (a take-over is under way). */
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    current: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * A message of the errors catalogue (messages/<locale>/errors.json) that says
 * what the English `message` says, for answers in the request's language.
 * A value may itself be a message (a validation rule inside its summary).
 */
export interface MessageRef {
  key: string;
  values?: Record<string, string | number | MessageRef>;
}

// Next.js bundles route handlers and instrumentation separately, so an
// ApiError thrown by the controller (loaded by one bundle) is not an instance
// of the class a route handler's bundle sees. A registered symbol marks them.
const API_ERROR = Symbol.for("prg-console.ApiError");

/**
 * An error meant for the client: its message is safe to show. `current`
 * carries the resource as it is now, for conflicts.
 */
export class ApiError extends Error {
  readonly [API_ERROR] = true;
  /** The catalogue message for answers in another language than English; without it the English one is sent. */
  localized?: MessageRef;
  /** The same for the messages of `fields`, by field key. */
  localizedFields?: Record<string, MessageRef>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly current?: unknown,
  ) {
    super(message);
  }

  /** Names the catalogue message that translates this error's English message. */
  withMessage(key: string, values?: MessageRef["values"]): this {
    this.localized = values ? { key, values } : { key };
    return this;
  }

  /** Names the catalogue messages that translate the English messages of `fields`. */
  withFieldMessages(fields: Record<string, MessageRef>): this {
    this.localizedFields = fields;
    return this;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.current !== undefined ? { current: this.current } : {}),
      },
    };
  }
}

const fieldKey = (issue: z.core.$ZodIssue) => issue.path.map(String).join(".") || "_";

/** One message per field, keyed by the dotted path of the field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[fieldKey(issue)] ??= issue.message;
  return fields;
}

/** The catalogue message of each field's message in fieldErrors. */
export function fieldRules(error: z.ZodError): Record<string, MessageRef> {
  const fields: Record<string, MessageRef> = {};
  for (const issue of error.issues) fields[fieldKey(issue)] ??= issueRule(issue);
  return fields;
}

/**
 * An API error whose English message and field messages are the errors
 * catalogue's: other languages answer with the same messages in their words.
 */
export function keyedError(code: ErrorCode, message: MessageRef, fields?: Record<string, MessageRef>, current?: unknown): ApiError {
  const englishFields = fields && Object.fromEntries(Object.entries(fields).map(([field, ref]) => [field, english(ref)]));
  const error = new ApiError(code, english(message), englishFields, current).withMessage(message.key, message.values);
  return fields ? error.withFieldMessages(fields) : error;
}

/**
 * A rule a zod issue broke, as a catalogue message: a schema's own message
 * (made with ruleMessage) as itself, the common rules by their kind, anything
 * else in the schema's own words.
 */
export function issueRule(issue: z.core.$ZodIssue): MessageRef {
  const keyed = ruleOf(issue.message);
  if (keyed) return keyed;
  switch (issue.code) {
    case "invalid_type":
      return { key: issue.input === undefined || issue.input === null ? "rule.required" : "rule.invalidType" };
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return { key: "rule.required" };
      return { key: issue.origin === "string" ? "rule.tooShort" : issue.origin === "array" ? "rule.tooFew" : "rule.tooSmall", values: { limit: String(issue.minimum) } };
    case "too_big":
      return { key: issue.origin === "string" ? "rule.tooLong" : issue.origin === "array" ? "rule.tooMany" : "rule.tooBig", values: { limit: String(issue.maximum) } };
    case "invalid_format":
      return { key: "rule.invalidFormat" };
    case "invalid_value":
      return { key: "rule.invalidValue" };
    case "unrecognized_keys":
      return { key: "rule.unrecognizedKeys", values: { keys: issue.keys.join(", ") } };
    default:
      return { key: "rule.asWritten", values: { message: issue.message } };
  }
}

export function validationError(error: z.ZodError, where: "request" | "query"): ApiError {
  const fields = fieldErrors(error);
  const first = Object.entries(fields)[0];
  const summary = first ? (first[0] === "_" ? first[1] : `${first[0]}: ${first[1]}`) : "Invalid input";
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join(".") : "";
  const rule = issue ? issueRule(issue) : { key: "rule.asWritten", values: { message: summary } };
  return new ApiError("validation_failed", `Invalid ${where}. ${summary}`, fields)
    .withMessage(field ? (where === "query" ? "api.invalidQueryField" : "api.invalidRequestField") : where === "query" ? "api.invalidQuery" : "api.invalidRequest", {
      field,
      rule,
    })
    .withFieldMessages(fieldRules(error));
}

/** Maps anything thrown by a handler to a client-safe error; internals stay in the log. */
export function isApiError(err: unknown): err is ApiError {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[API_ERROR] === true;
}

export function toApiError(err: unknown): ApiError {
  if (isApiError(err)) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "P2002") return new ApiError("conflict", "A record with the same unique value already exists").withMessage("api.duplicate");
  if (code === "P2025") return new ApiError("not_found", "The record does not exist").withMessage("api.recordMissing");
  if (code === "P2020") return new ApiError("validation_failed", "A value is out of the range the database can hold").withMessage("api.outOfRange");
  if (code === "P2034") return new ApiError("conflict", "Another change to the same records happened at the same time; try again").withMessage("api.concurrentChange");
  console.error(err);
  return new ApiError("internal_error", "An internal error occurred").withMessage("api.internal");
}
