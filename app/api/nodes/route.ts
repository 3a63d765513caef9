import { createNode, listNodes } from "@/lib/api/endpoints/nodes.ts";
import { handle } from "@/lib/http/route.ts";
import * as inventory from "@/lib/inventory/nodes.ts";
import type { NodeDetailView } from "@/lib/schemas/nodes.ts";

export const GET = handle(listNodes, async ({ query, runtime }) => inventory.listNodes(runtime.db, query));
export const POST = handle(
  createNode,
  async ({ body, runtime, user }) => (await runtime.command({ kind: "createNode", actor: user.username, input: body })) as NodeDetailView,
);
