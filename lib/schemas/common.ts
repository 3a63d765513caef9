import { z } from "zod";

/** Path `{id}` of a record: anything but a positive integer names no record. */
export const idParams = z.object({ id: z.coerce.number().int().positive().max(2147483647) });

export const okSchema = z.object({ ok: z.literal(true) });
