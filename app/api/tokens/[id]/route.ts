import * as endpoints from "@/lib/api/endpoints/tokens.ts";
import { handle } from "@/lib/http/route.ts";
import * as tokens from "@/lib/tokens/api-tokens.ts";

export const DELETE = handle(endpoints.revokeToken, async ({ user, params, runtime }) => {
  await tokens.revokeToken(runtime.db, user.id, params.id);
  return null;
});
