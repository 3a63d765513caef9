import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dirs: string[]): { file: string; text: string }[] {
  return dirs.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      .map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, "utf8") })),
  );
}

const english = (ns: string) => JSON.parse(readFileSync(path.join(ROOT, "messages", "en", `${ns}.json`), "utf8")) as Record<string, unknown>;
const has = (tree: Record<string, unknown>, key: string) =>
  typeof key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree) === "string";

/**
 * A message reference names the errors catalogue, or a word kept in another one (lib/http/rule-messages.ts),
 * or, in a history message (lib/ha/event-text.ts), the namespace its `ns` names.
 */
function exists(key: string, namespace?: string): boolean {
  if (namespace) return has(english(namespace), key);
  const [ns, ...rest] = key.split(".");
  if (ns === "params" || ns === "servers" || ns === "ha") return has(english(ns), rest.join("."));
  return has(english("errors"), key);
}

describe("message references", () => {
  it("every catalogue message the server and pages name by key exists", () => {
    const refs = /(?:ns: "([\w-]+)", )?(?:\bkey: |ruleMessage\(|withMessage\(|messageKey: )"([A-Za-z]\w*\.[\w.]+)"/g;
    const missing: string[] = [];
    let count = 0;
    for (const { file, text } of sources(["app", "components", "lib"])) {
      for (const m of text.matchAll(refs)) {
        count++;
        if (!exists(m[2]!, m[1])) missing.push(`${file}: ${m[1] ? `${m[1]}:` : ""}${m[2]}`);
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  // The schemas of the translated pages word every refusal through the catalogue: an English literal would stay English.
  it("the translated forms' schemas and the parameter rules have no message written in English only", () => {
    const files = ["accounts", "auth", "common", "find-list", "groups", "nodes", "parameters", "tokens", "users"].map((f) => `lib/schemas/${f}.ts`);
    files.push("lib/params/validation.ts");
    const literal = /(?:\berror: |\bmessage: |\.(?:min|max|int|positive|regex|length)\([^,()]*,\s*|\.(?:int|positive)\()\s*["'`][A-Za-z]/g;
    const found = files.flatMap((file) => [...readFileSync(path.join(ROOT, file), "utf8").matchAll(literal)].map((m) => `${file}: ${m[0]}`));
    expect(found).toEqual([]);
  });
});
