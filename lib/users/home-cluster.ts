/**
 * An end user's home cluster, from the name Add New or an import row gives.
 * The name may be left out only while the console has exactly one cluster.
 */
export interface ClusterRef {
  id: number;
  name: string;
}

export function homeClusterOf(clusters: readonly ClusterRef[], name: string | undefined): ClusterRef | { error: string } {
  if (name) {
    const found = clusters.find((c) => c.name === name);
    if (found) return found;
    return { error: `No cluster named ${name}: choose one of ${names(clusters)}` };
  }
  if (clusters.length === 1) return clusters[0]!;
  if (clusters.length === 0) return { error: "End users belong to a cluster: add an IM and Presence node first" };
  return { error: `Cluster is required: there are ${clusters.length} clusters (${names(clusters)})` };
}

function names(clusters: readonly ClusterRef[]): string {
  return clusters.length ? clusters.map((c) => c.name).join(", ") : "none (add an IM and Presence node first)";
}
