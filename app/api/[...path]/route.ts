import { NextResponse } from "next/server";
import { ApiError } from "@/lib/http/errors.ts";

// Unknown API paths answer in the API's error shape rather than an HTML page.
function notFound() {
  const error = new ApiError("not_found", "No such API resource");
  return NextResponse.json(error.toBody(), { status: error.status });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
