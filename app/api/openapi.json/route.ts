import { openApiDocument } from "@/lib/api/endpoints/system.ts";
import { buildOpenApiDocument } from "@/lib/api/openapi.ts";
import { handle } from "@/lib/http/route.ts";

export const GET = handle(openApiDocument, async () => ({ ...buildOpenApiDocument() }));
