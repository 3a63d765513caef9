import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";

export const TOKEN_NAME_MAX = 64;

const NAME_REQUIRED = ruleMessage("field.required", { field: { key: "label.name" } });

/** What Create asks for; the same rules on the page and in the API. */
export const tokenInputSchema = z.object({
  name: z
    .string({ error: NAME_REQUIRED })
    .trim()
    .min(1, NAME_REQUIRED)
    .max(TOKEN_NAME_MAX, ruleMessage("field.tooLong", { field: { key: "label.name" }, limit: String(TOKEN_NAME_MAX) }))
    .regex(/^[A-Za-z0-9 _.-]+$/, ruleMessage("field.tokenNameCharacters")),
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
