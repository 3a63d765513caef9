import { getNode } from "@/lib/api/endpoints/nodes.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { handle } from "@/lib/http/route.ts";
import * as inventory from "@/lib/inventory/nodes.ts";

export const GET = handle(getNode, async ({ params, runtime }) => {
  const node = await inventory.getNode(runtime.db, params.id);
  if (!node) throw new ApiError("not_found", `No IM and Presence node with id ${params.id}`);
  return node;
});
