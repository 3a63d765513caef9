import { previewGroupChange } from "@/lib/api/endpoints/planning.ts";
import { handle } from "@/lib/http/route.ts";
import { previewRequest } from "@/lib/whatif/request.ts";

export const POST = handle(previewGroupChange, ({ params, body, runtime, user }) => previewRequest(runtime, params.id, body, user.username));
