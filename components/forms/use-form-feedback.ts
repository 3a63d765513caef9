"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { ApiClientError } from "@/lib/client/api.ts";
import { fieldErrors, fieldRules } from "@/lib/http/errors.ts";
import type { Status } from "./status-line.tsx";
import { useMessage } from "./use-message.ts";

/**
 * The status line and the field errors of a form, filled the same way on
 * every page: by the shared zod schema before sending, and by the API's
 * error shape when a request is refused. After a refusal naming fields,
 * focus moves to the first invalid field of the form given `formRef`.
 */
export function useFormFeedback(initial: Status = null) {
  const t = useTranslations("common");
  const message = useMessage();
  const locale = useLocale();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>(initial);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const markFields = (fields: Record<string, string>) => {
    setErrors(fields);
    if (Object.keys(fields).length > 0) setFocusRequest((n) => n + 1);
  };

  /** Marks fields a page's own check refused, before anything is sent. */
  const refuse = (fields: Record<string, string>) => {
    markFields(fields);
    setStatus({ kind: "error", text: t("form.correctFields") });
  };

  return {
    errors,
    status,
    setStatus,
    formRef,
    /** The parsed input, or null with each failing field marked. */
    validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null {
      const parsed = schema.safeParse(input);
      if (parsed.success) {
        setErrors({});
        return parsed.data;
      }
      // English is each schema's own wording; other languages word the same message, or the rule a field broke.
      if (locale === "en") refuse(fieldErrors(parsed.error));
      else refuse(Object.fromEntries(Object.entries(fieldRules(parsed.error)).map(([field, ref]) => [field, message(ref)])));
      return null;
    },
    refuse,
    report(kind: "ok" | "warn", text: string) {
      setErrors({});
      setStatus({ kind, text });
    },
    /** Shows a refused request beside its fields; anything but an API error is rethrown. */
    fail(err: unknown): ApiClientError {
      if (!(err instanceof ApiClientError)) throw err;
      markFields(err.body.fields ?? {});
      setStatus({ kind: "error", text: err.message });
      return err;
    },
  };
}
