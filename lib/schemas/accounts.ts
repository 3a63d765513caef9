import { z } from "zod";
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
  .string({ error: "Password is required" })
  .min(12, "Password must be at least 12 characters")
  .max(256, "Password may be at most 256 characters")
  .refine((p) => !/\p{Cc}/u.test(p), { message: "Password may not contain control characters" })
  .refine((p) => new Set(p).size > 1, { message: "Password may not be a single character repeated" });

function notContainingUsername<T extends { username: string; password: string }>(value: T, ctx: z.core.$RefinementCtx<T>) {
  if (value.username && value.password.toLowerCase().includes(value.username.toLowerCase())) {
    ctx.addIssue({ code: "custom", path: ["password"], message: "Password may not contain the user ID" });
  }
}

export const usernameSchema = signInSchema.shape.username.refine((u) => /^[A-Za-z0-9._@-]+$/.test(u), {
  message: "User ID may contain letters, digits and . _ @ - only",
});

export const roleSchema = z.enum(ROLES, { error: "Choose a role" });

export const accountInputSchema = z
  .object({ username: usernameSchema, role: roleSchema, password: passwordSchema })
  .superRefine(notContainingUsername);
export type AccountInput = z.infer<typeof accountInputSchema>;

export const accountUpdateSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: "Give role or disabled" });
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

/** An administrator's reset: a temporary password the account must replace at its next sign-in. */
export const passwordResetSchema = z.object({ password: passwordSchema });
export type PasswordReset = z.infer<typeof passwordResetSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: "Current password is required" }).min(1, "Current password is required").max(256),
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
