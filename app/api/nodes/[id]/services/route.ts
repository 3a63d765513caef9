import { listNodeServices } from "@/lib/api/endpoints/nodes.ts";
import { handle } from "@/lib/http/route.ts";
import * as inventory from "@/lib/inventory/nodes.ts";

export const GET = handle(listNodeServices, async ({ params, runtime }) => {
  const node = await inventory.getNode(runtime.db, params.id);
  return { node: { id: node.id, hostName: node.hostName }, services: node.services };
});
