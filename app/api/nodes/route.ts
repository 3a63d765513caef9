import { createNode, listNodes } from "@/lib/api/endpoints/nodes.ts";
import { handle } from "@/lib/http/route.ts";
import * as inventory from "@/lib/inventory/nodes.ts";

export const GET = handle(listNodes, async ({ query, runtime }) => inventory.listNodes(runtime.db, query));
export const POST = handle(createNode, async ({ body, runtime, user }) =>
  runtime.controller.changeGroups(user.username, () => inventory.createNode(runtime.db, body)),
);
