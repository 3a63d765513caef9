import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";
import { ROLES } from "../auth/roles.ts";

const USER_ID_REQUIRED = ruleMessage("field.required", { field: { key: "label.userId" } });
const PASSWORD_REQUIRED = ruleMessage("field.required", { field: { key: "label.password" } });

export const signInSchema = z.object({
  username: z
    .string({ error: USER_ID_REQUIRED })
    .trim()
    .min(1, USER_ID_REQUIRED)
    .max(64, ruleMessage("field.tooLong", { field: { key: "label.userId" }, limit: "64" }))
    .refine((u) => !/\p{Cc}/u.test(u), { message: ruleMessage("field.noControlCharacters", { field: { key: "label.userId" } }) }),
  password: z
    .string({ error: PASSWORD_REQUIRED })
    .min(1, PASSWORD_REQUIRED)
    .max(256, ruleMessage("field.tooLong", { field: { key: "label.password" }, limit: "256" })),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const sessionUserSchema = z.object({
  user: z.object({ id: z.number().int(), username: z.string(), role: z.enum(ROLES), mustChangePassword: z.boolean() }),
});
