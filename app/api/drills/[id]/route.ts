import { deleteDrill } from "@/lib/api/endpoints/planning.ts";
import { deleteDrill as remove } from "@/lib/drills/catalog.ts";
import { handle } from "@/lib/http/route.ts";

export const DELETE = handle(deleteDrill, ({ params, runtime }) => remove(runtime.db, params.id));
