import { z } from "zod";
import { accountInputSchema, accountListSchema, accountUpdateSchema, accountViewSchema, PASSWORD_POLICY, passwordChangeSchema, passwordResetSchema } from "../../schemas/accounts.ts";
import { localeChoiceSchema } from "../../schemas/locale.ts";
import { auditFilterSchema, auditListQuery, auditPageSchema } from "../../schemas/audit.ts";
import { idParams, okSchema } from "../../schemas/common.ts";
import { endpoint } from "../endpoint.ts";

const TAG = "Application Users";

export const listAccounts = endpoint({
  method: "GET",
  path: "/api/accounts",
  summary: "The console's accounts with role, state and open sessions (Super User)",
  tag: TAG,
  auth: true,
  permission: "accounts",
  response: accountListSchema,
});

export const createAccount = endpoint({
  method: "POST",
  path: "/api/accounts",
  summary: `Add a console account with a role (super_user, operator, read_only). Password policy: ${PASSWORD_POLICY}. 409 with fields.username when the user ID is taken`,
  tag: TAG,
  auth: true,
  permission: "accounts",
  body: accountInputSchema,
  response: accountViewSchema,
  status: 201,
  errors: [409],
});

export const updateAccount = endpoint({
  method: "PATCH",
  path: "/api/accounts/{id}",
  summary:
    "Change an account's role or disable/enable it; disabling ends its sessions and its API tokens stop working. 409 for your own account or the last enabled Super User",
  tag: TAG,
  auth: true,
  permission: "accounts",
  params: idParams,
  body: accountUpdateSchema,
  response: accountViewSchema,
  errors: [404, 409],
});

export const deleteAccount = endpoint({
  method: "DELETE",
  path: "/api/accounts/{id}",
  summary: "Delete an account with its sessions and API tokens. 409 for your own account or the last enabled Super User",
  tag: TAG,
  auth: true,
  permission: "accounts",
  params: idParams,
  response: z.null(),
  status: 204,
  errors: [404, 409],
});

export const resetAccountPassword = endpoint({
  method: "PUT",
  path: "/api/accounts/{id}/password",
  summary: `Set a temporary password: the account's sessions end and it must choose a new password at its next sign-in. Policy: ${PASSWORD_POLICY}`,
  tag: TAG,
  auth: true,
  permission: "accounts",
  params: idParams,
  body: passwordResetSchema,
  response: okSchema,
  errors: [404],
});

export const changeOwnPassword = endpoint({
  method: "PUT",
  path: "/api/account/password",
  summary: `Change the signed-in account's password (the current one is asked again); its other sessions end. Policy: ${PASSWORD_POLICY}`,
  tag: TAG,
  auth: true,
  permission: "self",
  body: passwordChangeSchema,
  response: okSchema,
});

export const listAudit = endpoint({
  method: "GET",
  path: "/api/audit",
  summary: "Find and List the audit log, newest first: every write and sign-in with account, client address, time, outcome and before/after (Super User)",
  tag: TAG,
  auth: true,
  permission: "accounts",
  query: auditListQuery,
  response: auditPageSchema,
});

export const exportAudit = endpoint({
  method: "GET",
  path: "/api/audit/export",
  summary: "The audit rows the filters select, oldest first, as CSV (at most 100000 rows)",
  tag: TAG,
  auth: true,
  permission: "accounts",
  query: auditFilterSchema,
  response: z.string(),
  responseType: "text/csv",
});

export const setOwnLocale = endpoint({
  method: "PUT",
  path: "/api/account/locale",
  summary: "Save the signed-in account's console language (en, ja, zh); null follows the browser's Accept-Language again",
  tag: TAG,
  auth: true,
  permission: "self",
  body: localeChoiceSchema,
  response: okSchema,
});
