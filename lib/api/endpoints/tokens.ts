import { z } from "zod";
import { idParams } from "../../schemas/common.ts";
import { createdTokenSchema, tokenInputSchema, tokenListSchema } from "../../schemas/tokens.ts";
import { endpoint } from "../endpoint.ts";

const TAG = "API Tokens";

export const listTokens = endpoint({
  method: "GET",
  path: "/api/tokens",
  summary: "The signed-in account's API tokens with their last-used time (never their secrets)",
  tag: TAG,
  auth: true,
  permission: "self",
  response: tokenListSchema,
});

export const createToken = endpoint({
  method: "POST",
  path: "/api/tokens",
  summary:
    "Create a named API token for the signed-in account; the answer holds its secret, shown this once (only its SHA-256 is kept). " +
    "Send it as `Authorization: Bearer <secret>` to any operation to act as the account. 409 with fields.name when the account already has a token of that name",
  tag: TAG,
  auth: true,
  permission: "self",
  body: tokenInputSchema,
  response: createdTokenSchema,
  status: 201,
  errors: [409],
});

export const revokeToken = endpoint({
  method: "DELETE",
  path: "/api/tokens/{id}",
  summary: "Revoke one of the signed-in account's API tokens; requests with it are answered 401 from then on",
  tag: TAG,
  auth: true,
  permission: "self",
  params: idParams,
  response: z.null(),
  status: 204,
  errors: [404],
});
