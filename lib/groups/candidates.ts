import type { Db, Tx } from "../db/client.ts";
import type { CandidateNode } from "../domain/groups.ts";

/** The facts the group rules need about the given nodes, keyed by id. */
export async function loadCandidates(db: Db | Tx, ids: number[]): Promise<Map<number, CandidateNode>> {
  if (ids.length === 0) return new Map();
  const rows = await db.node.findMany({
    where: { id: { in: ids } },
    include: {
      group: { select: { id: true, name: true } },
      cluster: { select: { name: true, nodes: { where: { isPublisher: true }, select: { hostName: true } } } },
    },
  });
  return new Map(
    rows.map((n) => [
      n.id,
      {
        id: n.id,
        hostName: n.hostName,
        softwareVersion: n.softwareVersion,
        clusterId: n.clusterId,
        clusterName: n.cluster.name,
        publisherHostName: n.cluster.nodes[0]?.hostName ?? null,
        isPublisher: n.isPublisher,
        group: n.group,
      },
    ]),
  );
}
