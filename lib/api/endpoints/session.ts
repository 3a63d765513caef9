import { signInSchema, sessionUserSchema } from "../../schemas/auth.ts";
import { okSchema } from "../../schemas/common.ts";
import { endpoint } from "../endpoint.ts";

export const signIn = endpoint({
  method: "POST",
  path: "/api/session",
  summary: "Sign in; sets the httpOnly session cookie",
  tag: "Session",
  auth: false,
  permission: "public",
  body: signInSchema,
  response: sessionUserSchema,
  errors: [401, 429],
});

export const currentSession = endpoint({
  method: "GET",
  path: "/api/session",
  summary: "The signed-in user",
  tag: "Session",
  auth: true,
  permission: "self",
  response: sessionUserSchema,
});

export const signOut = endpoint({
  method: "DELETE",
  path: "/api/session",
  summary: "Sign out; ends the session and clears its cookie",
  tag: "Session",
  auth: true,
  permission: "self",
  response: okSchema,
});
