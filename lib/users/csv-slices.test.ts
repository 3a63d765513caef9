import { loopTurnsDuring } from "../../tests/support/loop-turns.ts";
import { describe, expect, it } from "vitest";
import { parseUserCsv } from "./csv.ts";

/** A file larger than one slice of the reader, so values fall on slice boundaries. */
function bigFile(rows: number, cell: (i: number) => string) {
  return ["userId,firstName,lastName", ...Array.from({ length: rows }, (_, i) => `user${i},${cell(i)},Last${i}`)].join("\n") + "\n";
}

describe("reading a large import file in slices", () => {
  it("reads every row whatever falls on a slice boundary: multi-byte names, quoted values, values over several lines", async () => {
    // Names of 3-byte and 4-byte (surrogate pair) characters and quoted commas; every 7th row a value over two lines (refused, by row).
    const cell = (i: number) => (i % 7 === 0 ? `"名前\n${i}"` : i % 2 ? `山田𠮷${i}` : `"Zoë, ${i}"`);
    const r = await parseUserCsv(bigFile(20_000, cell));
    const rows = Array.from({ length: 20_000 }, (_, i) => i);
    // Rows are numbered as an editor shows them: a value over two lines makes the rows after it start one line later.
    const rowOf = (i: number) => 2 + i + Math.ceil(i / 7);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual(rows.filter((i) => i % 7 === 0).map((i) => [rowOf(i), "firstName"]));
    const valid = rows.filter((i) => i % 7 !== 0);
    expect(r.users.map((u) => [u.row, u.firstName])).toEqual(valid.map((i) => [rowOf(i), i % 2 ? `山田𠮷${i}` : `Zoë, ${i}`]));
  });

  it("numbers rows as an editor does after a quoted value over two lines ending in CRLF", async () => {
    const r = await parseUserCsv('userId,firstName,lastName\r\na,A,A\r\nb,"x\r\ny",B\r\nc,C,C\r\n');
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, "firstName"]]);
    expect(r.users.map((u) => [u.userId, u.row])).toEqual([
      ["a", 2],
      ["c", 5],
    ]);
  });

  it("lets the event loop turn while it reads, so the server keeps answering", async () => {
    const { value: r, turns } = await loopTurnsDuring(() => parseUserCsv(bigFile(20_000, (i) => `First${i}`)));
    expect(r.users).toHaveLength(20_000);
    // At least one turn per 2,000 rows checked, besides the slices read.
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  it("names the row a quoted value that is never closed opens on, however far into the file", async () => {
    const file = bigFile(10_000, (i) => `First${i}`) + 'late,"never closed,Last\n';
    const r = await parseUserCsv(file);
    expect(r.errors).toEqual([
      {
        row: 10_002,
        field: "csv",
        message: "The file is not valid CSV: the quoted value that starts on row 10002 is never closed",
        rule: { key: "import.quoteNotClosed", values: { row: "10002" } },
      },
    ]);
  });
});
