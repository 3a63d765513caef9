import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, keyedError, validationError } from "../http/errors.ts";
import { ruleMessage } from "../http/rule-messages.ts";
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

  it("answers in the request's language, English as raised, with code and field keys unchanged", async () => {
    const error = validationError(z.object({ name: z.string().min(1, "Name is required") }).safeParse({ name: "" }).error!, "request");
    const english = await localizedErrorBody(error, "en-US");
    expect(english).toEqual({ error: { code: "validation_failed", message: "Invalid request. name: Name is required", fields: { name: "Name is required" } } });
    const japanese = await localizedErrorBody(error, "ja-JP,ja;q=0.9");
    expect(japanese).toEqual({ error: { code: "validation_failed", message: "要求が無効です。name: 必須です", fields: { name: "必須です" } } });
    const chinese = await localizedErrorBody(new ApiError("not_found", "No such record").withMessage("api.noSuchRecord"), "zh-Hans");
    expect(chinese).toEqual({ error: { code: "not_found", message: "没有此记录" } });
  });

  it("words a schema's own message (ruleMessage) in each language, its field named in that language", async () => {
    const schema = z.object({ name: z.string().max(3, ruleMessage("field.tooLong", { field: { key: "label.name" }, limit: "3" })) });
    const error = validationError(schema.safeParse({ name: "abcd" }).error!, "request");
    expect((await localizedErrorBody(error, "en")).error).toEqual({
      code: "validation_failed",
      message: "Invalid request. name: Name may be at most 3 characters",
      fields: { name: "Name may be at most 3 characters" },
    });
    expect((await localizedErrorBody(error, "ja")).error).toEqual({
      code: "validation_failed",
      message: "要求が無効です。name: 名前は 3 文字以内にする必要があります",
      fields: { name: "名前は 3 文字以内にする必要があります" },
    });
    expect((await localizedErrorBody(error, "zh")).error.fields).toEqual({ name: "名称最多为 3 个字符" });
  });

  it("answers in the account's saved language before the browser's", async () => {
    const error = new ApiError("not_found", "No such record").withMessage("api.noSuchRecord");
    expect((await localizedErrorBody(error, "ja", "zh")).error.message).toBe("没有此记录");
    expect((await localizedErrorBody(error, "ja", "en")).error.message).toBe("No such record");
  });

  it("a keyed error's English is the English catalogue's, fields included", async () => {
    const error = keyedError("conflict", { key: "field.haNeedsTwoServers" }, { haEnabled: { key: "field.required", values: { field: { key: "label.enableHa" } } } });
    expect(error.toBody()).toEqual({
      error: { code: "conflict", message: "High Availability needs two Presence Servers", fields: { haEnabled: "Enable High Availability is required" } },
    });
    expect((await localizedErrorBody(error, "zh")).error).toEqual({
      code: "conflict",
      message: "高可用性需要两台 Presence 服务器",
      fields: { haEnabled: "启用高可用性为必填项" },
    });
  });

  it("keeps the English of an error the catalogue does not know", async () => {
    const body = await localizedErrorBody(new ApiError("conflict", "The group changed"), "ja");
    expect(body.error.message).toBe("The group changed");
  });
});
