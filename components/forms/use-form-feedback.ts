"use client";

import { useState } from "react";
import type { z } from "zod";
import { ApiClientError } from "@/lib/client/api.ts";
import { fieldErrors } from "@/lib/http/errors.ts";
import type { Status } from "./status-line.tsx";

/**
 * The status line and the field errors of a form, filled the same way on
 * every page: by the shared zod schema before sending, and by the API's
 * error shape when a request is refused.
 */
export function useFormFeedback(initial: Status = null) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>(initial);
  return {
    errors,
    status,
    setStatus,
    /** The parsed input, or null with each failing field marked. */
    validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null {
      const parsed = schema.safeParse(input);
      if (parsed.success) {
        setErrors({});
        return parsed.data;
      }
      setErrors(fieldErrors(parsed.error));
      setStatus({ kind: "error", text: "Please correct the fields marked below" });
      return null;
    },
    report(kind: "ok" | "warn", text: string) {
      setErrors({});
      setStatus({ kind, text });
    },
    /** Shows a refused request beside its fields; anything but an API error is rethrown. */
    fail(err: unknown): ApiClientError {
      if (!(err instanceof ApiClientError)) throw err;
      setErrors(err.body.fields ?? {});
      setStatus({ kind: "error", text: err.message });
      return err;
    },
  };
}
