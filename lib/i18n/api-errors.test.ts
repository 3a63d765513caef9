import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, validationError } from "../http/errors.ts";
import { localizedErrorBody, renderErrorMessage } from "./api-errors.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every `new ApiError(code, "literal English").withMessage("key")` of the API's shared layers. */
function keyedErrors(): { english: string; key: string }[] {
  const files = ["lib/http", "app/api"].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !e.name.endsWith(".test.ts"))
      .map((e) => path.join(e.parentPath, e.name)),
  );
  const found: { english: string; key: string }[] = [];
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(/new ApiError\(\s*"\w+",\s*"([^"]+)"\s*\)\s*\.withMessage\(\s*"([\w.]+)"\s*\)/g)) {
      found.push({ english: m[1]!, key: m[2]! });
    }
  }
  return found;
}

describe("API error messages", () => {
  it("the English catalogue says what each raised English message says", async () => {
    const errors = keyedErrors();
    expect(errors.length).toBeGreaterThan(10);
    for (const { english, key } of errors) expect(await renderErrorMessage("en", { key }), key).toBe(english);
  });

  it("answers in the request's language, English as raised, with code and fields unchanged", async () => {
    const error = validationError(z.object({ name: z.string().min(1, "Name is required") }).safeParse({ name: "" }).error!, "request");
    const english = await localizedErrorBody(error, "en-US");
    expect(english).toEqual({ error: { code: "validation_failed", message: "Invalid request. name: Name is required", fields: { name: "Name is required" } } });
    const japanese = await localizedErrorBody(error, "ja-JP,ja;q=0.9");
    expect(japanese).toEqual({ error: { code: "validation_failed", message: "要求が無効です。name: 必須です", fields: { name: "Name is required" } } });
    const chinese = await localizedErrorBody(new ApiError("not_found", "No such record").withMessage("api.noSuchRecord"), "zh-Hans");
    expect(chinese).toEqual({ error: { code: "not_found", message: "没有此记录" } });
  });

  it("keeps the English of an error the catalogue does not know", async () => {
    const body = await localizedErrorBody(new ApiError("conflict", "The group changed"), "ja");
    expect(body.error.message).toBe("The group changed");
  });
});
