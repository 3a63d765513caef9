import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";
import { ROLES } from "../auth/roles.ts";
import { signInSchema } from "./auth.ts";

/**
 * The password policy, the same in the forms and the API: 12 to 256
 * characters, not containing the user ID, not one character repeated, no
 * control characters. Length matters more than character classes (NIST SP
 * 800-63B), and Argon2id makes each guess costly.
 */
export const PASSWORD_POLICY = "12 to 256 characters, not containing the user ID, not a single character repeated, no control characters";

export const passwordSchema = z
  .string({ error: ruleMessage("field.required", { field: { key: "label.password" } }) })
  .min(12, ruleMessage("field.tooShort", { field: { key: "label.password" }, limit: "12" }))
  .max(256, ruleMessage("field.tooLong", { field: { key: "label.password" }, limit: "256" }))
  .refine((p) => !/\p{Cc}/u.test(p), { message: ruleMessage("field.noControlCharacters", { field: { key: "label.password" } }) })
  .refine((p) => new Set(p).size > 1, { message: ruleMessage("field.passwordRepeated") });

function notContainingUsername<T extends { username: string; password: string }>(value: T, ctx: z.core.$RefinementCtx<T>) {
  if (value.username && value.password.toLowerCase().includes(value.username.toLowerCase())) {
    ctx.addIssue({ code: "custom", path: ["password"], message: ruleMessage("field.passwordHasUserId") });
  }
}

export const usernameSchema = signInSchema.shape.username.refine((u) => /^[A-Za-z0-9._@-]+$/.test(u), {
  message: ruleMessage("field.accountUserIdCharacters"),
});

export const roleSchema = z.enum(ROLES, { error: ruleMessage("field.chooseRole") });

export const accountInputSchema = z
  .object({ username: usernameSchema, role: roleSchema, password: passwordSchema })
  .superRefine(notContainingUsername);
export type AccountInput = z.infer<typeof accountInputSchema>;

export const accountUpdateSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: ruleMessage("field.roleOrDisabled") });
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

/** An administrator's reset: a temporary password the account must replace at its next sign-in. */
export const passwordResetSchema = z.object({ password: passwordSchema });
export type PasswordReset = z.infer<typeof passwordResetSchema>;

const CURRENT_REQUIRED = ruleMessage("field.required", { field: { key: "label.currentPassword" } });

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: CURRENT_REQUIRED }).min(1, CURRENT_REQUIRED).max(256),
  newPassword: passwordSchema,
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const accountViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  /** Signed-in sessions open now. */
  sessions: z.number().int(),
});
export type AccountView = z.infer<typeof accountViewSchema>;
export const accountListSchema = z.array(accountViewSchema);
