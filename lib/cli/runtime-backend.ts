import { appendAudit } from "../audit/audit-log.ts";
import { refusal, type Permission, type Role } from "../auth/roles.ts";
import { executeCommand, type Command } from "../cluster/commands.ts";
import type { Db } from "../db/client.ts";
import type { HaController, HaStatus } from "../ha/controller.ts";
import { isApiError } from "../http/errors.ts";
import { CliFailure, type CliBackend, type CliGroupStatus, type CliNode } from "./commands.ts";

function view(status: HaStatus): CliGroupStatus {
  return {
    groupId: status.groupId,
    groupName: status.groupName,
    haEnabled: status.haEnabled,
    nodes: status.nodes.map((n) => ({
      id: n.id,
      hostName: n.hostName,
      state: n.state,
      reason: n.reason,
      power: n.power,
      isolated: n.isolated,
      services: n.services,
    })),
  };
}

/** The controller's refusals as the CLI reports them: the same rules as the pages' 409 and 404. */
async function translated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isApiError(err) && err.code === "conflict") throw new CliFailure("refused", err.message);
    if (isApiError(err) && err.code === "not_found") throw new CliFailure("not_found", err.message);
    throw err;
  }
}

export type CommandRunner = (command: Command) => Promise<unknown>;

/** Who runs the CLI over SSH: the signed-in console account and where it connected from. */
export interface CliAccount {
  username: string;
  role: Role;
  address: string;
}

/**
 * The CLI in the server process (SSH): the controller's public methods, acting
 * as the signed-in account with its role's rights, each change audited as the
 * API's are.
 */
export function runtimeBackend(
  db: Db,
  controller: HaController,
  account: CliAccount,
  command: CommandRunner = (c) => executeCommand(db, controller, c),
): CliBackend {
  const actor = account.username;
  const change = async <T>(permission: Permission, action: string, command: string, detail: Record<string, unknown>, fn: () => Promise<T>) => {
    const audit = (status: number, message: string | null) =>
      appendAudit(db, { username: actor, address: account.address, action, method: "SSH", path: command, status, message, detail });
    const denied = refusal(account.role, permission);
    if (denied) {
      await audit(403, denied);
      throw new CliFailure("refused", denied);
    }
    try {
      const result = await translated(fn);
      await audit(202, null);
      return result;
    } catch (err) {
      await audit(err instanceof CliFailure ? (err.kind === "not_found" ? 404 : 409) : 500, err instanceof Error ? err.message : String(err));
      throw err;
    }
  };
  return {
    async nodes(): Promise<CliNode[]> {
      const rows = await db.node.findMany({
        include: { cluster: { select: { name: true } }, group: { select: { id: true, name: true } } },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => ({
        id: r.id,
        hostName: r.hostName,
        softwareVersion: r.softwareVersion,
        cluster: r.cluster.name,
        replicationState: r.replicationState,
        group: r.group,
      }));
    },
    groups: async () => controller.allStatuses().filter((s) => s.groupId !== null).map(view),
    nodeStatus: (nodeId) => translated(async () => view(controller.nodeStatus(nodeId))),
    action: (groupId, action, nodeId) =>
      change("ha_actions", `haAction:${action}`, `utils ha ${action}`, { groupId, nodeId }, async () =>
        view((await command({ kind: "action", actor, groupId, action, nodeId })) as HaStatus),
      ),
    serviceAction: (nodeId, service, action) =>
      change("services", "serviceAction", `utils service ${action}`, { nodeId, service }, async () =>
        view((await command({ kind: "serviceAction", actor, nodeId, service, action })) as HaStatus),
      ),
    now: async () => controller.clock.now(),
  };
}
