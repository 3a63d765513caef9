import type { Db } from "../db/client.ts";
import { SERVICE_NAMES } from "../domain/services.ts";
import { DEFAULT_GROUP_NAME } from "../domain/groups.ts";

export const DEMO_CLUSTER = "imp-cluster-01";
export const DEMO_VERSION = "15.0.1.12900-12";
/** One node runs an older release so the same-version rule can be rehearsed. */
export const DEMO_OTHER_VERSION = "14.0.1.14900-8";

export const DEMO_NODES = [
  { hostName: "imp-pub", softwareVersion: DEMO_VERSION, isPublisher: true },
  { hostName: "imp-sub1", softwareVersion: DEMO_VERSION, isPublisher: false },
  { hostName: "imp-sub2", softwareVersion: DEMO_VERSION, isPublisher: false },
  { hostName: "imp-sub3", softwareVersion: DEMO_VERSION, isPublisher: false },
  { hostName: "imp-sub4", softwareVersion: DEMO_VERSION, isPublisher: false },
  { hostName: "imp-sub5", softwareVersion: DEMO_OTHER_VERSION, isPublisher: false },
] as const;

/**
 * Gives an empty inventory the demo cluster: six IM&P nodes with all services
 * started and replication good, and DefaultCUPSubCluster holding the
 * publisher, as the product creates it when the publisher is installed.
 * Returns false (and changes nothing) when any cluster exists already.
 */
export async function seedDemoInventory(db: Db): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if ((await tx.cluster.count()) > 0) return false;
    const cluster = await tx.cluster.create({ data: { name: DEMO_CLUSTER } });
    const group = await tx.presenceRedundancyGroup.create({
      data: { name: DEFAULT_GROUP_NAME, nameKey: DEFAULT_GROUP_NAME.toLowerCase(), description: "", clusterId: cluster.id },
    });
    for (const node of DEMO_NODES) {
      await tx.node.create({
        data: {
          ...node,
          clusterId: cluster.id,
          replicationState: 2,
          ...(node.isPublisher ? { groupId: group.id, groupPosition: 1 } : {}),
          services: { create: SERVICE_NAMES.map((name) => ({ name })) },
        },
      });
    }
    return true;
  });
}
