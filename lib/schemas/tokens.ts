import { z } from "zod";

export const TOKEN_NAME_MAX = 64;

/** What Create asks for; the same rules on the page and in the API. */
export const tokenInputSchema = z.object({
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name is required")
    .max(TOKEN_NAME_MAX, `Name may be at most ${TOKEN_NAME_MAX} characters`)
    .regex(/^[A-Za-z0-9 _.-]+$/, "Name may contain only letters, digits, spaces, _ . and -"),
});
export type TokenInput = z.output<typeof tokenInputSchema>;

/** A token as listed: never its secret. */
export const tokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof tokenSchema>;

export const tokenListSchema = z.array(tokenSchema);

/** The answer to Create: the only time the secret is shown. */
export const createdTokenSchema = tokenSchema.extend({ secret: z.string() });
export type CreatedTokenView = z.infer<typeof createdTokenSchema>;
