import { z } from "zod";
import { ROLES } from "../auth/roles.ts";

export const signInSchema = z.object({
  username: z
    .string({ error: "User ID is required" })
    .trim()
    .min(1, "User ID is required")
    .max(64, "User ID may be at most 64 characters")
    .refine((u) => !/\p{Cc}/u.test(u), { message: "User ID may not contain control characters" }),
  password: z.string({ error: "Password is required" }).min(1, "Password is required").max(256, "Password may be at most 256 characters"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const sessionUserSchema = z.object({
  user: z.object({ id: z.number().int(), username: z.string(), role: z.enum(ROLES), mustChangePassword: z.boolean() }),
});
