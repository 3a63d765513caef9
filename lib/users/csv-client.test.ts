import { describe, expect, it } from "vitest";
import { parseUserCsv } from "./csv.ts";

describe("the client columns of a user import", () => {
  it("reads client, secure and dual, with the documented defaults for empty cells or missing columns", async () => {
    const r = await parseUserCsv("userId,firstName,lastName,client,secure,dual\na,A,A,ios-background,yes,0\nb,B,B,,,\n");
    expect(r.errors).toEqual([]);
    expect(r.users.map((u) => u.client)).toEqual([
      { kind: "ios-background", secure: true, dual: false },
      { kind: "desktop", secure: true, dual: true },
    ]);
    expect((await parseUserCsv("userId,firstName,lastName\nc,C,C\n")).users[0]!.client).toEqual({ kind: "desktop", secure: true, dual: true });
  });

  it("names the row and column of a bad value", async () => {
    const r = await parseUserCsv("userId,firstName,lastName,client,dual\na,A,A,android,maybe\n");
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [2, "client"],
      [2, "dual"],
    ]);
  });
});
