import type { Endpoint } from "../endpoint.ts";
import * as accounts from "./accounts.ts";
import * as alerts from "./alerts.ts";
import * as clients from "./clients.ts";
import * as groups from "./groups.ts";
import * as ha from "./ha.ts";
import * as nodes from "./nodes.ts";
import * as parameters from "./parameters.ts";
import * as planning from "./planning.ts";
import * as session from "./session.ts";
import * as system from "./system.ts";
import * as tokens from "./tokens.ts";
import * as users from "./users.ts";

/** Every operation of the public API, for the OpenAPI document; each is named (operationId) by its export. */
export const ALL_ENDPOINTS: Endpoint[] = [system, session, nodes, groups, ha, users, parameters, tokens, alerts, planning, clients, accounts].flatMap((module) =>
  Object.entries(module).map(([name, ep]: [string, Endpoint]) => Object.assign(ep, { operationId: name })),
);
