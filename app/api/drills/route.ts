import { createDrill, listDrills } from "@/lib/api/endpoints/planning.ts";
import { createDrill as create, listDrills as list } from "@/lib/drills/catalog.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(listDrills, async ({ runtime }) => ({ items: await list(runtime.db) }));

export const POST = handle(createDrill, ({ body, runtime, user }) => create(runtime.db, body, user.username));
