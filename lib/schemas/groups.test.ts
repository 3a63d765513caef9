import { describe, expect, it } from "vitest";
import { fieldErrors } from "../http/errors.ts";
import { groupDeleteQuery, groupInputSchema, groupListQuery, groupPatchSchema } from "./groups.ts";

const valid = { name: "East_Pair-1", server1Id: 2, server2Id: 3 };

/** The one message per field the API would answer with. */
function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
}

describe("groupInputSchema", () => {
  it("fills the optional fields: empty description, no Presence Server 2, High Availability off", () => {
    expect(groupInputSchema.parse({ name: "a", server1Id: 1 })).toEqual({
      name: "a",
      description: "",
      server1Id: 1,
      server2Id: null,
      haEnabled: false,
    });
  });

  it("accepts names of letters, digits, _ and - up to 128 characters", () => {
    expect(groupInputSchema.safeParse(valid).success).toBe(true);
    expect(groupInputSchema.safeParse({ ...valid, name: "x".repeat(128) }).success).toBe(true);
    expect(groupInputSchema.safeParse({ ...valid, name: "_-09azAZ" }).success).toBe(true);
  });

  it.each([
    [undefined, "Name is required"],
    ["", "Name is required"],
    [42, "Name is required"],
    ["x".repeat(129), "Name may be at most 128 characters"],
    ["has space", "Name may contain only letters, digits, _ and -"],
    ["dot.name", "Name may contain only letters, digits, _ and -"],
    ["ünïcode", "Name may contain only letters, digits, _ and -"],
    ["名前", "Name may contain only letters, digits, _ and -"],
    ["tab\tname", "Name may contain only letters, digits, _ and -"],
  ])("refuses name %j: %s", (name, message) => {
    expect(errorsOf(groupInputSchema, { ...valid, name })).toEqual({ name: message });
  });

  it("accepts descriptions of up to 128 printable characters, including unicode and other punctuation", () => {
    expect(groupInputSchema.safeParse({ ...valid, description: "d".repeat(128) }).success).toBe(true);
    expect(groupInputSchema.safeParse({ ...valid, description: "Büro Köln: rack #4 (A/B), 'east' + ü; 50$ é!" }).success).toBe(true);
  });

  it("refuses a description over 128 characters", () => {
    expect(errorsOf(groupInputSchema, { ...valid, description: "d".repeat(129) })).toEqual({
      description: "Description may be at most 128 characters",
    });
  });

  it.each(['"', "%", "&", "\\", "<", ">", "\n", "\u0000"])("refuses a description containing %j", (ch) => {
    expect(errorsOf(groupInputSchema, { ...valid, description: `rack ${ch} 4` })).toEqual({
      description: 'Description may not contain " % & \\ < > or control characters',
    });
  });

  it("needs Presence Server 1", () => {
    expect(errorsOf(groupInputSchema, { name: "a" })).toEqual({ server1Id: "Presence Server 1 is required" });
    expect(errorsOf(groupInputSchema, { name: "a", server1Id: null })).toEqual({ server1Id: "Presence Server 1 is required" });
  });

  it.each([0, -1, 1.5])("refuses node id %s", (id) => {
    expect(errorsOf(groupInputSchema, { ...valid, server1Id: id })).toEqual({ server1Id: "Choose a node from the list" });
    expect(errorsOf(groupInputSchema, { ...valid, server2Id: id })).toEqual({ server2Id: "Choose a node from the list" });
  });

  it("refuses the same node as both Presence Servers, against Presence Server 2", () => {
    expect(errorsOf(groupInputSchema, { ...valid, server2Id: valid.server1Id })).toEqual({
      server2Id: "Presence Server 2 must be a different node from Presence Server 1",
    });
  });

  it("refuses High Availability with one Presence Server, against the High Availability flag", () => {
    expect(errorsOf(groupInputSchema, { name: "a", server1Id: 1, haEnabled: true })).toEqual({
      haEnabled: "High Availability needs two Presence Servers",
    });
    expect(errorsOf(groupInputSchema, { name: "a", server1Id: 1, server2Id: null, haEnabled: true })).toEqual({
      haEnabled: "High Availability needs two Presence Servers",
    });
    expect(groupInputSchema.safeParse({ ...valid, haEnabled: true }).success).toBe(true);
  });

  it("refuses a High Availability flag that is not a boolean", () => {
    expect(errorsOf(groupInputSchema, { ...valid, haEnabled: "yes" })).toEqual({
      haEnabled: "Enable High Availability must be true or false",
    });
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(errorsOf(groupInputSchema, { name: "a b", description: "<", server1Id: 0 })).sort()).toEqual([
      "description",
      "name",
      "server1Id",
    ]);
  });
});

describe("groupPatchSchema", () => {
  it("needs the version the client last read", () => {
    expect(errorsOf(groupPatchSchema, { name: "x" })).toEqual({
      version: "version is required: send the version you last read",
    });
    expect(Object.keys(errorsOf(groupPatchSchema, { version: 0 }))).toEqual(["version"]);
    expect(Object.keys(errorsOf(groupPatchSchema, { version: 1.5 }))).toEqual(["version"]);
  });

  it("takes any subset of the fields and leaves the rest out", () => {
    expect(groupPatchSchema.parse({ version: 3 })).toEqual({ version: 3 });
    expect(groupPatchSchema.parse({ version: 3, server2Id: null })).toEqual({ version: 3, server2Id: null });
  });

  it("checks each field it is given with the same messages as Add", () => {
    expect(errorsOf(groupPatchSchema, { version: 1, name: "a.b" })).toEqual({
      name: "Name may contain only letters, digits, _ and -",
    });
    expect(errorsOf(groupPatchSchema, { version: 1, name: "" })).toEqual({ name: "Name is required" });
    expect(errorsOf(groupPatchSchema, { version: 1, description: "50%" })).toEqual({
      description: 'Description may not contain " % & \\ < > or control characters',
    });
    expect(errorsOf(groupPatchSchema, { version: 1, server1Id: null })).toEqual({
      server1Id: "Presence Server 1 is required",
    });
  });

  it("leaves the cross-field rules to the merged result", () => {
    // haEnabled alone may be valid once merged with a group holding two servers.
    expect(groupPatchSchema.safeParse({ version: 1, haEnabled: true }).success).toBe(true);
    expect(groupPatchSchema.safeParse({ version: 1, server1Id: 4, server2Id: 4 }).success).toBe(true);
  });
});

describe("groupDeleteQuery and groupListQuery", () => {
  it("needs the version last read, from the query string", () => {
    expect(Object.keys(errorsOf(groupDeleteQuery, {}))).toEqual(["version"]);
    expect(groupDeleteQuery.parse({ version: "4" })).toEqual({ version: 4 });
    expect(Object.keys(errorsOf(groupDeleteQuery, { version: "abc" }))).toEqual(["version"]);
    expect(Object.keys(errorsOf(groupDeleteQuery, { version: "0" }))).toEqual(["version"]);
  });

  it("searches name or description and sorts by the list's columns", () => {
    expect(groupListQuery.parse({})).toMatchObject({ field: "name", match: "begins", sort: "name", page: 1, pageSize: 25 });
    for (const sort of ["name", "-users", "server1", "-haEnabled", "description", "server2"]) {
      expect(groupListQuery.safeParse({ sort }).success).toBe(true);
    }
    expect(Object.keys(errorsOf(groupListQuery, { field: "server1" }))).toEqual(["field"]);
    expect(Object.keys(errorsOf(groupListQuery, { sort: "version" }))).toEqual(["sort"]);
    expect(Object.keys(errorsOf(groupListQuery, { pageSize: "10" }))).toEqual(["pageSize"]);
  });
});
