import type { MessageRef } from "../http/errors.ts";

/**
 * An end user's home cluster, from the name Add New or an import row gives.
 * The name may be left out only while the console has exactly one cluster.
 */
export interface ClusterRef {
  id: number;
  name: string;
}

export function homeClusterOf(clusters: readonly ClusterRef[], name: string | undefined): ClusterRef | { error: MessageRef } {
  if (name) {
    const found = clusters.find((c) => c.name === name);
    if (found) return found;
    return { error: { key: "user.noSuchCluster", values: { name, clusters: names(clusters) } } };
  }
  if (clusters.length === 1) return clusters[0]!;
  if (clusters.length === 0) return { error: { key: "user.noClusterYet" } };
  return { error: { key: "user.clusterRequired", values: { count: String(clusters.length), clusters: names(clusters) } } };
}

function names(clusters: readonly ClusterRef[]): string | MessageRef {
  return clusters.length ? clusters.map((c) => c.name).join(", ") : { key: "user.noClusters" };
}
