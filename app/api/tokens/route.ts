import * as endpoints from "@/lib/api/endpoints/tokens.ts";
import { handle } from "@/lib/http/route.ts";
import * as tokens from "@/lib/tokens/api-tokens.ts";

export const GET = handle(endpoints.listTokens, async ({ user, runtime }) => tokens.listTokens(runtime.db, user.id));

export const POST = handle(endpoints.createToken, async ({ user, body, runtime }) => tokens.createToken(runtime.db, user.id, body));
