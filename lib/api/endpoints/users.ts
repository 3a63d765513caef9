import { z } from "zod";
import { idParams } from "../../schemas/common.ts";
import {
  IMPORT_MAX_REPORTED,
  IMPORT_MAX_ROWS,
  importBodySchema,
  importResultSchema,
  topologySchema,
  userInputSchema,
  userListQuery,
  userPageSchema,
  userSchema,
} from "../../schemas/users.ts";
import { endpoint } from "../endpoint.ts";

const TAG = "End Users";

/** The CSV text's characters as a JSON string, with room for escaped quotes and letters beyond ASCII. */
const IMPORT_BODY_LIMIT = 40 * 1024 * 1024;
const FAILOVER_REFUSAL = "409 while any node of the cluster is in a failover state (the product refuses to add end users then)";

export const listUsers = endpoint({
  method: "GET",
  path: "/api/users",
  summary:
    "Find and List End Users: field userId, name (first or last name) or assignedNode (host name; is empty = unassigned); sort by userId, name, assignedNode, servingNode or signedIn",
  tag: TAG,
  auth: true,
  permission: "view",
  query: userListQuery,
  response: userPageSchema,
});

export const createUser = endpoint({
  method: "POST",
  path: "/api/users",
  summary: `Add an end user; the Sync Agent assigns it to a node under the User Assignment Mode. User IDs are unique without regard to case (409 with fields.userId). ${FAILOVER_REFUSAL}`,
  tag: TAG,
  auth: true,
  permission: "end_users",
  body: userInputSchema,
  response: userSchema,
  status: 201,
  errors: [409],
});

export const deleteUser = endpoint({
  method: "DELETE",
  path: "/api/users/{id}",
  summary: "Delete an end user",
  tag: TAG,
  auth: true,
  permission: "end_users",
  params: idParams,
  response: z.null(),
  status: 204,
  errors: [404],
});

export const importUsers = endpoint({
  method: "POST",
  path: "/api/users/import",
  summary:
    `Import end users from the text of a CSV file: a header row userId,firstName,lastName[,signedIn][,cluster][,client][,secure][,dual] (any order, any case; client is desktop, mobile or ios-background, secure and dual true/false, empty for the defaults desktop, true, true), ` +
    `then up to ${IMPORT_MAX_ROWS} rows; values are trimmed, signedIn is true/false, yes/no, 1/0 or empty. ` +
    `Every row is checked first (the rules of Add New, duplicates within the file and against existing users, without regard to case); ` +
    `any error imports nothing and answers 422 with error.fields keyed "row <n>: <column>" (rows as numbered in the file, the header is row 1; ` +
    `column "columns" for a wrong number of values, "header", "file" or "csv" for the file itself; at most ${IMPORT_MAX_REPORTED} listed) ` +
    `and error.message naming the count and the first. Otherwise all are assigned by the Sync Agent and inserted all or nothing (on PostgreSQL in one transaction; on the embedded database in slices, visible as they arrive, rolled back if one fails). ${FAILOVER_REFUSAL}`,
  tag: TAG,
  auth: true,
  permission: "end_users",
  body: importBodySchema,
  bodyLimit: IMPORT_BODY_LIMIT,
  response: importResultSchema,
  status: 201,
  errors: [409],
});

export const getTopology = endpoint({
  method: "GET",
  path: "/api/topology",
  summary: "Presence Topology: per group and node, the users assigned, served now and signed in (active) now, with the User Assignment Mode",
  tag: TAG,
  auth: true,
  permission: "view",
  response: topologySchema,
});
