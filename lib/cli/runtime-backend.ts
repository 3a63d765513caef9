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

/** The CLI in the server process (SSH): the controller's public methods, acting as the signed-in account. */
export function runtimeBackend(db: Db, controller: HaController, actor: string): CliBackend {
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
    action: (groupId, action, nodeId) => translated(async () => view(await controller.action(groupId, action, nodeId, actor))),
    serviceAction: (nodeId, service, action) =>
      translated(async () => view(await controller.serviceAction(nodeId, service, action, actor))),
    now: async () => controller.clock.now(),
  };
}
