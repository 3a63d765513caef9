import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, toApiError, validationError } from "./errors.ts";

describe("API errors", () => {
  it("maps each code to the documented status", () => {
    expect(new ApiError("malformed_request", "x").status).toBe(400);
    expect(new ApiError("unauthorized", "x").status).toBe(401);
    expect(new ApiError("forbidden", "x").status).toBe(403);
    expect(new ApiError("not_found", "x").status).toBe(404);
    expect(new ApiError("method_not_allowed", "x").status).toBe(405);
    expect(new ApiError("conflict", "x").status).toBe(409);
    expect(new ApiError("payload_too_large", "x").status).toBe(413);
    expect(new ApiError("validation_failed", "x").status).toBe(422);
  });

  it("names every failing field with its rule", () => {
    const schema = z.object({ name: z.string().min(1, "Name is required"), size: z.number().max(3, "Size at most 3") });
    const result = schema.safeParse({ name: "", size: 9 });
    const error = validationError(result.error!, "request");
    expect(error.toBody()).toEqual({
      error: {
        code: "validation_failed",
        message: "Invalid request. name: Name is required",
        fields: { name: "Name is required", size: "Size at most 3" },
      },
    });
  });

  it("never exposes internals of unexpected errors", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = toApiError(new Error("connection refused at 10.0.0.1:5432"));
    expect(error.toBody()).toEqual({ error: { code: "internal_error", message: "An internal error occurred" } });
    expect(error.status).toBe(500);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("maps unique violations to 409 and missing records to 404", () => {
    expect(toApiError({ code: "P2002" }).status).toBe(409);
    expect(toApiError({ code: "P2025" }).status).toBe(404);
  });
});

describe("API errors across bundles", () => {
  it("recognises an ApiError made by another copy of the module (route and controller bundles differ)", async () => {
    vi.resetModules();
    // A query string makes the module loader evaluate a second copy, as a second bundle would.
    const copy = "./errors.ts?copy";
    const other = (await import(/* @vite-ignore */ copy)) as typeof import("./errors.ts");
    const foreign = new other.ApiError("conflict", "Failover not allowed now");
    expect(foreign instanceof ApiError).toBe(false);
    expect(toApiError(foreign).status).toBe(409);
    expect(toApiError(foreign).message).toBe("Failover not allowed now");
  });
});
