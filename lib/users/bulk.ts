import type { Db } from "../db/client.ts";

export interface NewUser {
  userId: string;
  firstName?: string;
  lastName?: string;
  assignedNodeId: number | null;
  signedIn?: boolean;
}

/**
 * Inserts users, each served by the node that now serves its assigned
 * node's users (the peer, while that node is failed over).
 */
export async function insertUsers(db: Db, users: NewUser[], chunk = 5000): Promise<void> {
  const nodeIds = [...new Set(users.map((u) => u.assignedNodeId).filter((id): id is number => id !== null))];
  const nodes = await db.node.findMany({ where: { id: { in: nodeIds } }, select: { id: true, homeServedById: true } });
  const servedBy = new Map(nodes.map((n) => [n.id, n.homeServedById ?? n.id]));
  for (let i = 0; i < users.length; i += chunk) {
    await db.endUser.createMany({
      data: users.slice(i, i + chunk).map((u) => ({
        userId: u.userId,
        firstName: u.firstName ?? "",
        lastName: u.lastName ?? "",
        assignedNodeId: u.assignedNodeId,
        servingNodeId: u.assignedNodeId === null ? null : (servedBy.get(u.assignedNodeId) ?? null),
        signedIn: u.signedIn ?? false,
      })),
    });
  }
}
