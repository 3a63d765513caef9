import fc from "fast-check";

/** The JSON Schema subset zod-to-openapi writes for the API's request schemas. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 300);
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
    } catch {
      // a pattern fast-check cannot invert (look-ahead): plain text of the right length
    }
  }
  return fc.string({ minLength, maxLength });
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -1e6);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : 1e6);
  return integer
    ? fc.integer({ min: Math.ceil(Math.max(min, -2147483648)), max: Math.floor(Math.min(max, 2147483647)) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values the schema accepts, as far as the schema can say (refinements across fields are the server's). */
export function valid(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map(valid));
  const types = [schema.type ?? "object"].flat();
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case "string":
          return stringOf(schema);
        case "integer":
          return numberOf(schema, true);
        case "number":
          return numberOf(schema, false);
        case "boolean":
          return fc.boolean();
        case "null":
          return fc.constant(null);
        case "array":
          return fc.array(schema.items ? valid(schema.items) : fc.anything(), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 5, 5),
          });
        default: {
          const properties = schema.properties ?? {};
          const required = new Set(schema.required ?? []);
          const shape = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, valid(v)]));
          return fc.record(shape, { requiredKeys: [...required].filter((k) => k in properties) as never[] }) as fc.Arbitrary<unknown>;
        }
      }
    }),
  );
}

/** Values that break the schema somewhere: a field of the wrong type, a missing one, or anything at all. */
export function invalid(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = Object.keys(schema.properties ?? {});
  const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
  const arbitraries: fc.Arbitrary<unknown>[] = [fc.anything({ maxDepth: 2 })];
  if (properties.length > 0) {
    arbitraries.push(
      fc.tuple(valid(schema), fc.constantFrom(...properties), wrong).map(([value, key, bad]) => ({ ...(value as object), [key]: bad })),
      fc.tuple(valid(schema), fc.constantFrom(...properties)).map(([value, key]) => {
        const copy = { ...(value as Record<string, unknown>) };
        delete copy[key];
        return copy;
      }),
    );
  }
  return fc.oneof(...arbitraries);
}
