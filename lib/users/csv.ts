import { setImmediate as turnOfTheLoop } from "node:timers/promises";
import { CsvError, parse, type Options } from "csv-parse";
import { CLIENT_KINDS, DEFAULT_PROFILE, type ClientKind, type ClientProfile } from "../clients/sim.ts";
import { issueRule, type MessageRef } from "../http/errors.ts";
import { english } from "../http/rule-messages.ts";
import { IMPORT_MAX_ROWS, userFieldSchemas, type UserInput } from "../schemas/users.ts";

/**
 * Reading and checking an end-user import file, before anything touches the
 * database. The file is the Bulk Administration habit: a header row naming
 * the columns, then one user per row.
 */

export const CSV_COLUMNS = ["userId", "firstName", "lastName", "signedIn", "cluster", "client", "secure", "dual"] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ["userId", "firstName", "lastName"];
// The columns a header names, as the messages about the header list them.
const COLUMNS_NAMED = { required: REQUIRED.join(","), optional: "signedIn, cluster, client, secure", last: "dual" };

export interface RowError {
  /** The row in the file as a text editor or spreadsheet numbers it; the header is row 1. */
  row: number;
  field: string;
  /** The rule the row broke, a message of the errors catalogue (import.*), and its English. */
  rule: MessageRef;
  message: string;
}

export function rowError(row: number, field: string, rule: MessageRef): RowError {
  return { row, field, rule, message: english(rule) };
}

const importRule = (key: string, values?: MessageRef["values"]): MessageRef => (values ? { key, values } : { key });

export interface CsvUser extends UserInput {
  row: number;
  /** The home cluster's name, or empty: which cluster that means is the caller's to decide. */
  cluster: string;
  /** The simulated client; empty cells take the defaults (desktop, secure, dual). */
  client: ClientProfile;
}

export interface CsvResult {
  /** The rows without errors, in file order. */
  users: CsvUser[];
  errors: RowError[];
  /**
   * Every row whose User ID is well formed and first in the file, valid or
   * not: checked against the database too, so one report names every problem.
   */
  userIds: { row: number; userId: string }[];
}

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0", ""]);

interface Parsed {
  record: string[];
  /** The line the record ends on; a quoted value may span lines. */
  lines: number;
}

const LINE_BREAK = /\r\n|\n|\r/g;

/** A record's first line: line breaks can only be inside its (quoted) values, the one that ends it is not counted. */
function startLine(p: Parsed): number {
  let breaks = 0;
  for (const value of p.record) if (value.includes("\n") || value.includes("\r")) breaks += value.match(LINE_BREAK)!.length;
  return p.lines - breaks;
}

/**
 * A 100,000-row file takes seconds to read and check on a loaded machine: the
 * work is cut into slices with a turn of the event loop between them, so the
 * server goes on answering, renewing its leader lease and firing other
 * groups' timers meanwhile.
 */
const SLICE_CHARS = 16 * 1024;
const ROWS_PER_TURN = 500;

/**
 * Feeds the parser a slice at a time, each ending at a line break (never
 * inside a character), into `records`. Records are taken as the parser finds them, not from
 * its stream: with csv-parse's `info` and `raw` records and the stream's
 * push, reading took twice as long.
 */
async function parseInSlices(text: string, options: Options, records: Parsed[]): Promise<void> {
  // csv-parse counts a CRLF inside a quoted value as two lines: every record from there on would be numbered late.
  let crlfInside = 0;
  const parser = parse({
    ...options,
    on_record: (record: string[], context) => {
      for (const value of record) if (value.includes("\r\n")) crlfInside += value.split("\r\n").length - 1;
      records.push({ record, lines: context.lines - crlfInside });
      return null;
    },
  });
  let failure: unknown = null;
  const ended = new Promise<void>((resolve) => {
    parser.on("end", resolve);
    parser.on("error", (err) => {
      failure = err;
      resolve();
    });
  });
  // Nothing is pushed; reading keeps the stream flowing to its end.
  parser.resume();
  for (let from = 0; from < text.length && failure === null; ) {
    const br = text.indexOf("\n", from + SLICE_CHARS);
    const to = br < 0 ? text.length : br + 1;
    parser.write(text.slice(from, to));
    from = to;
    await turnOfTheLoop();
  }
  if (failure === null) parser.end();
  await ended;
  if (failure !== null) throw failure;
}

async function readRecords(text: string): Promise<Parsed[] | RowError> {
  const records: Parsed[] = [];
  try {
    await parseInSlices(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // Files edited on several systems mix line endings; csv-parse would
      // otherwise keep the first one it sees and treat the others as data.
      record_delimiter: ["\r\n", "\n", "\r"],
    }, records);
    return records;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    if (err.code === "CSV_QUOTE_NOT_CLOSED") {
      // csv-parse names the last line; the admin needs the row the quote opens on.
      const row = firstNonBlankLine(text, (records.at(-1)?.lines ?? 0) + 1);
      return rowError(row, "csv", importRule("import.quoteNotClosed", { row: String(row) }));
    }
    const line = (err as CsvError & { lines?: number }).lines ?? 1;
    // csv-parse's own explanation stays as it words it.
    return rowError(line, "csv", importRule("import.notCsv", { detail: err.message }));
  }
}

function firstNonBlankLine(text: string, from: number): number {
  const lines = text.split(/\r\n|\n|\r/);
  let line = from;
  while (line < lines.length && lines[line - 1]!.trim() === "") line++;
  return line;
}

function readHeader(first: Parsed | undefined): Column[] | RowError {
  if (!first) {
    return rowError(1, "header", importRule("import.empty", COLUMNS_NAMED));
  }
  const row = startLine(first);
  const byLower = new Map(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns: Column[] = [];
  for (const name of first.record) {
    const column = byLower.get(name.toLowerCase());
    if (!column) {
      return rowError(row, "header", importRule("import.unknownColumn", { name, ...COLUMNS_NAMED }));
    }
    if (columns.includes(column)) return rowError(row, "header", importRule("import.columnTwice", { column }));
    columns.push(column);
  }
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) {
    return rowError(row, "header", importRule("import.headerLacks", { missing: missing.join(", "), ...COLUMNS_NAMED }));
  }
  return columns;
}

/**
 * Parses and checks every row: each value against the same rules as Add New,
 * and User IDs against each other (case-insensitively, as the product
 * compares them). Duplicates of users already in the database are the
 * caller's to find. Every error is reported, not just the first.
 */
export async function parseUserCsv(text: string): Promise<CsvResult> {
  const records = await readRecords(text);
  if (!Array.isArray(records)) return { users: [], errors: [records], userIds: [] };
  const columns = readHeader(records[0]);
  if (!Array.isArray(columns)) return { users: [], errors: [columns], userIds: [] };

  const rows = records.slice(1);
  if (rows.length === 0) {
    return {
      users: [],
      errors: [rowError(startLine(records[0]!), "file", importRule("import.noUsers"))],
      userIds: [],
    };
  }
  if (rows.length > IMPORT_MAX_ROWS) {
    return {
      users: [],
      errors: [
        rowError(
          startLine(rows[IMPORT_MAX_ROWS]!),
          "file",
          importRule("import.tooMany", { max: IMPORT_MAX_ROWS.toLocaleString("en-US"), count: rows.length.toLocaleString("en-US") }),
        ),
      ],
      userIds: [],
    };
  }

  const users: CsvUser[] = [];
  const errors: RowError[] = [];
  const userIds: CsvResult["userIds"] = [];
  const seen = new Map<string, number>();
  for (const [i, p] of rows.entries()) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await turnOfTheLoop();
    const row = startLine(p);
    if (p.record.length !== columns.length) {
      errors.push(rowError(row, "columns", importRule("import.valueCount", { values: p.record.length, columns: columns.length })));
      continue;
    }
    const value = (c: Column) => {
      const i = columns.indexOf(c);
      return i < 0 ? "" : p.record[i]!;
    };
    const before = errors.length;
    let userIdOk = true;
    for (const c of ["userId", "firstName", "lastName"] as const) {
      const result = userFieldSchemas[c].safeParse(value(c));
      if (!result.success) {
        errors.push(rowError(row, c, issueRule(result.error.issues[0]!)));
        if (c === "userId") userIdOk = false;
      }
    }
    const cluster = value("cluster");
    if (cluster) {
      const result = userFieldSchemas.cluster.safeParse(cluster);
      if (!result.success) errors.push(rowError(row, "cluster", issueRule(result.error.issues[0]!)));
    }
    const signed = value("signedIn").toLowerCase();
    if (!TRUE.has(signed) && !FALSE.has(signed)) {
      errors.push(rowError(row, "signedIn", importRule("import.signedIn")));
    }
    const kind = value("client").toLowerCase() || DEFAULT_PROFILE.kind;
    if (!(CLIENT_KINDS as readonly string[]).includes(kind)) {
      errors.push(rowError(row, "client", importRule("import.client", { kinds: CLIENT_KINDS.join(", "), default: DEFAULT_PROFILE.kind })));
    }
    const flag = (c: "secure" | "dual") => {
      const v = value(c).toLowerCase();
      if (v === "") return true;
      if (TRUE.has(v)) return true;
      if (!FALSE.has(v)) errors.push(rowError(row, c, importRule("import.flag", { column: c })));
      return false;
    };
    const client: ClientProfile = { kind: kind as ClientKind, secure: flag("secure"), dual: flag("dual") };
    const userId = value("userId");
    const key = userId.toLowerCase();
    const firstRow = seen.get(key);
    if (firstRow !== undefined && userId) {
      errors.push(rowError(row, "userId", importRule("import.duplicateInFile", { userId, row: String(firstRow) })));
    } else if (userId) {
      seen.set(key, row);
      if (userIdOk) userIds.push({ row, userId });
    }
    if (errors.length === before) {
      users.push({ row, userId, firstName: value("firstName"), lastName: value("lastName"), signedIn: TRUE.has(signed), cluster, client });
    }
  }
  return { users, errors, userIds };
}

/** Errors in file order; for one row, in column order. */
export function sortRowErrors(errors: RowError[]): RowError[] {
  const rank = (f: string) => {
    const i = (CSV_COLUMNS as readonly string[]).indexOf(f);
    return i < 0 ? -1 : i;
  };
  return [...errors].sort((a, b) => a.row - b.row || rank(a.field) - rank(b.field));
}
