import { NextResponse, type NextRequest } from "next/server";
import { ApiError } from "@/lib/http/errors.ts";
import { localizedErrorBody } from "@/lib/i18n/api-errors.ts";

// Unknown API paths answer in the API's error shape rather than an HTML page.
async function notFound(request: NextRequest) {
  const error = new ApiError("not_found", "No such API resource").withMessage("api.noSuchResource");
  return NextResponse.json(await localizedErrorBody(error, request.headers.get("accept-language")), { status: error.status });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
