import type { Permission } from "../auth/roles.ts";
import type { AxlContext } from "./context.ts";
import * as groups from "./groups.ts";
import * as parameters from "./parameters.ts";
import * as servers from "./servers.ts";
import type { XmlNode } from "./xml.ts";

export type Operation = (ctx: AxlContext, request: XmlNode) => Promise<unknown>;

/** The AXL operations this console answers, by their element name. */
export const OPERATIONS: Record<string, Operation> = {
  addPresenceRedundancyGroup: groups.addPresenceRedundancyGroup,
  getPresenceRedundancyGroup: groups.getPresenceRedundancyGroup,
  listPresenceRedundancyGroup: groups.listPresenceRedundancyGroup,
  updatePresenceRedundancyGroup: groups.updatePresenceRedundancyGroup,
  removePresenceRedundancyGroup: groups.removePresenceRedundancyGroup,
  getProcessNode: servers.getProcessNode,
  listProcessNode: servers.listProcessNode,
  getServiceParameter: parameters.getServiceParameter,
  updateServiceParameter: parameters.updateServiceParameter,
};

/** What each operation needs of the account's role, by the same rule as the JSON API (lib/auth/roles.ts). */
export const OPERATION_PERMISSIONS: Record<keyof typeof OPERATIONS, Permission> = {
  addPresenceRedundancyGroup: "inventory",
  getPresenceRedundancyGroup: "view",
  listPresenceRedundancyGroup: "view",
  updatePresenceRedundancyGroup: "inventory",
  removePresenceRedundancyGroup: "inventory",
  getProcessNode: "view",
  listProcessNode: "view",
  getServiceParameter: "view",
  updateServiceParameter: "parameters",
};
