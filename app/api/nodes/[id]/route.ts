import { deleteNode, getNode } from "@/lib/api/endpoints/nodes.ts";
import { handle } from "@/lib/http/route.ts";
import * as inventory from "@/lib/inventory/nodes.ts";

export const GET = handle(getNode, async ({ params, runtime }) => inventory.getNode(runtime.db, params.id));

export const DELETE = handle(deleteNode, async ({ params, runtime, user }) => {
  await runtime.command({ kind: "deleteNode", actor: user.username, id: params.id });
  return null;
});
