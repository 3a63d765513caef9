import { consoleInstances } from "@/lib/api/endpoints/system.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(consoleInstances, async ({ runtime }) => {
  const { cluster } = runtime;
  if (!cluster) {
    const h = runtime.health();
    return { database: runtime.database, self: h.instance, lease: null, instances: [] };
  }
  const view = await cluster.view();
  return {
    database: runtime.database,
    self: cluster.instance,
    lease: view.lease && {
      holder: view.lease.holder,
      fencingToken: view.lease.token,
      since: view.lease.since.toISOString(),
      expiresAt: view.lease.expiresAt.toISOString(),
    },
    instances: view.instances.map((i) => ({
      ...i,
      startedAt: i.startedAt.toISOString(),
      lastSeen: i.lastSeen.toISOString(),
      leading: i.id === view.lease?.holder,
    })),
  };
});
