import type { NextRequest } from "next/server";
import { handleAxl } from "@/lib/axl/handler.ts";
import { serveDescription } from "@/lib/axl/wsdl.ts";
import { clientAddress } from "@/lib/http/client-address.ts";
import { getRuntime } from "@/lib/server/runtime.ts";

// The front door serves /axl/ (the product's path) here without Next.js's trailing-slash redirect.
export async function POST(request: NextRequest) {
  return handleAxl(await getRuntime(), request, clientAddress(request));
}

/** `?wsdl` and `?xsd`: the service description, public as a schema is. */
export async function GET(request: NextRequest) {
  return serveDescription(new URL(request.url));
}
