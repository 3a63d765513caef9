import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";
import { searchText } from "./common.ts";

/**
 * The search, paging and sorting habits of Cisco Unified CM's "Find and List"
 * pages, shared by every list page and its API route.
 */
export const MATCH_OPERATORS = {
  begins: "begins with",
  contains: "contains",
  ends: "ends with",
  exact: "is exactly",
  empty: "is empty",
  notEmpty: "is not empty",
} as const;
export type MatchOperator = keyof typeof MATCH_OPERATORS;

export const PAGE_SIZES = [25, 50, 100, 150, 200, 250] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** Far past any list this console holds; keeps the row offset within what the database takes. */
export const PAGE_MAX = 1_000_000;

export const pageNumber = z.coerce
  .number()
  .int(ruleMessage("field.pageWhole"))
  .min(1, ruleMessage("field.pageAtLeastOne"))
  .max(PAGE_MAX, ruleMessage("field.pageAtMost", { limit: String(PAGE_MAX) }))
  .default(1);

export function pageSize(byDefault: PageSize) {
  return (
    z.coerce
      .number()
      .refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n), {
        message: ruleMessage("field.rowsPerPage", { values: PAGE_SIZES.join(", ") }),
      })
      .default(byDefault)
      // The refinement is invisible to the OpenAPI generator; the document states the same rule.
      .meta({ type: "integer", enum: [...PAGE_SIZES], default: byDefault })
  );
}

const matchKeys = Object.keys(MATCH_OPERATORS) as [MatchOperator, ...MatchOperator[]];

/**
 * Builds the query schema of one list: `fields` are the searchable columns,
 * `sorts` the sortable ones (`-name` sorts descending).
 */
export function findListQuery<const F extends string, const S extends string>(
  fields: readonly [F, ...F[]],
  sorts: readonly [S, ...S[]],
) {
  const sortValues = [...sorts, ...sorts.map((s) => `-${s}` as const)] as [
    S | `-${S}`,
    ...(S | `-${S}`)[],
  ];
  return z.object({
    field: z.enum(fields).default(fields[0]),
    match: z.enum(matchKeys).default("begins"),
    q: searchText.default(""),
    page: pageNumber,
    pageSize: pageSize(25),
    sort: z.enum(sortValues).default(sorts[0] as never),
  });
}

export interface FindListQuery<F extends string = string, S extends string = string> {
  field: F;
  match: MatchOperator;
  q: string;
  page: number;
  pageSize: number;
  sort: S | `-${S}`;
}

/** The response schema of one page of a list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Splits `-name` into the column and its direction. */
export function parseSort<S extends string>(sort: S | `-${S}`): { key: S; direction: "asc" | "desc" } {
  return sort.startsWith("-")
    ? { key: sort.slice(1) as S, direction: "desc" }
    : { key: sort as S, direction: "asc" };
}

/**
 * The Prisma string filter for one match operator. Matching is
 * case-insensitive, as on the product's Find pages.
 */
export function stringMatchFilter(match: MatchOperator, q: string) {
  q = literalForLike(q);
  switch (match) {
    case "begins":
      return q ? { startsWith: q, mode: "insensitive" as const } : undefined;
    case "contains":
      return q ? { contains: q, mode: "insensitive" as const } : undefined;
    case "ends":
      return q ? { endsWith: q, mode: "insensitive" as const } : undefined;
    case "exact":
      return { equals: q, mode: "insensitive" as const };
    case "empty":
      return { equals: "" };
    case "notEmpty":
      return { not: "" };
  }
}

/** Prisma matches with (I)LIKE, where % and _ are wildcards; the admin's text is literal. */
function literalForLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The filter on a key column (a value kept in lower case, collated "C") for
 * the match operators its B-tree index serves: "begins with" as a
 * case-sensitive LIKE 'x%' and "is exactly" as =, which ILIKE on the value
 * itself cannot use. Undefined for the others, which match the value.
 */
export function keyMatchFilter(match: MatchOperator, q: string) {
  if (match === "begins" && q) return { startsWith: literalForLike(q.toLowerCase()) };
  if (match === "exact") return { equals: q.toLowerCase() };
  return undefined;
}
