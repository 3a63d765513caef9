import { listClusters } from "@/lib/api/endpoints/nodes.ts";
import { handle } from "@/lib/http/route.ts";
import * as inventory from "@/lib/inventory/nodes.ts";

export const GET = handle(listClusters, async ({ runtime }) => inventory.listClusters(runtime.db));
