import { describe, expect, it } from "vitest";
import { findListQuery, keyMatchFilter, parseSort, stringMatchFilter } from "./find-list.ts";

const query = findListQuery(["name", "description"], ["name", "users"]);

describe("findListQuery", () => {
  it("defaults to the first field, begins with, page 1 of 25, sorted by the first column", () => {
    expect(query.parse({})).toEqual({ field: "name", match: "begins", q: "", page: 1, pageSize: 25, sort: "name" });
  });

  it("reads numbers from query strings and accepts descending sorts", () => {
    expect(query.parse({ page: "3", pageSize: "250", sort: "-users" })).toMatchObject({
      page: 3,
      pageSize: 250,
      sort: "-users",
    });
  });

  it.each([
    [{ pageSize: "30" }, "pageSize"],
    [{ page: "0" }, "page"],
    [{ page: "1.5" }, "page"],
    [{ sort: "-password" }, "sort"],
    [{ field: "password" }, "field"],
    [{ match: "like" }, "match"],
    [{ q: "x".repeat(129) }, "q"],
  ])("refuses %o naming %s", (input, field) => {
    const result = query.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});

describe("parseSort", () => {
  it("splits the direction from the column", () => {
    expect(parseSort("name")).toEqual({ key: "name", direction: "asc" });
    expect(parseSort("-name")).toEqual({ key: "name", direction: "desc" });
  });
});

describe("stringMatchFilter", () => {
  it("matches case-insensitively and treats empty text as no filter for the text operators", () => {
    expect(stringMatchFilter("begins", "ab")).toEqual({ startsWith: "ab", mode: "insensitive" });
    expect(stringMatchFilter("contains", "")).toBeUndefined();
    expect(stringMatchFilter("exact", "")).toEqual({ equals: "", mode: "insensitive" });
    expect(stringMatchFilter("empty", "ignored")).toEqual({ equals: "" });
    expect(stringMatchFilter("notEmpty", "ignored")).toEqual({ not: "" });
  });
});

describe("stringMatchFilter escaping", () => {
  it("escapes LIKE wildcards so search text is literal", () => {
    expect(stringMatchFilter("contains", "a_b%c\\")).toEqual({ contains: "a\\_b\\%c\\\\", mode: "insensitive" });
  });
});

describe("keyMatchFilter", () => {
  it("matches a lower-cased key case-sensitively, for the operators its index serves only", () => {
    expect(keyMatchFilter("begins", "Ab_%")).toEqual({ startsWith: "ab\\_\\%" });
    expect(keyMatchFilter("exact", "Ab_%")).toEqual({ equals: "ab_%" });
    expect(keyMatchFilter("begins", "")).toBeUndefined();
    for (const match of ["contains", "ends", "empty", "notEmpty"] as const) expect(keyMatchFilter(match, "ab")).toBeUndefined();
  });
});
