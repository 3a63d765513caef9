import { expect } from "vitest";
import type { Answer } from "./call.ts";

/** Runs `act` and fails unless `snapshot` reads the same before and after: a refused request changes nothing. */
export async function leavesUnchanged<T>(snapshot: () => Promise<unknown>, act: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const out = await act();
  expect(await snapshot()).toEqual(before);
  return out;
}

/**
 * The API's one error shape, with `field` among `fields` when given.
 * `current` (the record as it is now) is allowed only where conflicts carry it.
 */
export function expectError(answer: Answer, status: number, code: string, field?: string, { allowCurrent = false } = {}) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(Object.keys(answer.body)).toEqual(["error"]);
  const error = answer.body.error;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe("string");
  expect(error.message.length).toBeGreaterThan(0);
  const allowed = ["code", "message", "fields", ...(allowCurrent ? ["current"] : [])];
  for (const key of Object.keys(error)) expect(allowed).toContain(key);
  if (field) {
    expect(error.fields, `fields of ${JSON.stringify(error)}`).toBeDefined();
    expect(typeof error.fields[field], `field ${field} in ${JSON.stringify(error.fields)}`).toBe("string");
  }
  return error as { code: string; message: string; fields?: Record<string, string>; current?: unknown };
}
