import type { Endpoint } from "../endpoint.ts";
import * as groups from "./groups.ts";
import * as ha from "./ha.ts";
import * as nodes from "./nodes.ts";
import * as parameters from "./parameters.ts";
import * as session from "./session.ts";
import * as system from "./system.ts";
import * as users from "./users.ts";

/** Every operation of the public API, for the OpenAPI document. */
export const ALL_ENDPOINTS: Endpoint[] = [
  ...Object.values(system),
  ...Object.values(session),
  ...Object.values(nodes),
  ...Object.values(groups),
  ...Object.values(ha),
  ...Object.values(users),
  ...Object.values(parameters),
];
