"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { FieldError, invalidProps } from "@/components/forms/status-line.tsx";
import { useMessage } from "@/components/forms/use-message.ts";
import { api, ApiClientError } from "@/lib/client/api.ts";
import { issueRule } from "@/lib/http/errors.ts";
import { safeNextPath } from "@/lib/http/safe-redirect.ts";
import { signInSchema } from "@/lib/schemas/auth.ts";

type Field = "username" | "password";

export function SignInForm() {
  const t = useTranslations("auth");
  const word = useMessage();
  const params = useSearchParams();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const userId = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ username: form.get("username"), password: form.get("password") });
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        // The first broken rule of each field, worded in the page's language.
        fields[field] ??= word(issueRule(issue));
      }
      setErrors(fields);
      setMessage(t("correctFields"));
      (fields.username ? userId : password).current?.focus();
      return;
    }
    setErrors({});
    setMessage("");
    setBusy(true);
    try {
      await api("/api/session", { method: "POST", body: parsed.data });
      window.location.assign(safeNextPath(params.get("next")));
    } catch (err) {
      setMessage(err instanceof ApiClientError ? err.message : t("failed"));
      setBusy(false);
      // Focus stays in the form: the password is the field to type again.
      password.current?.select();
      password.current?.focus();
    }
  }

  return (
    // POST, so that a Login clicked before the page's script runs (or with scripts off) never puts the password in the address bar, history or logs.
    <form className="login-form" aria-label={t("form")} method="post" onSubmit={submit} noValidate>
      <p role="alert" className="status-error">
        {message}
      </p>
      <label htmlFor="username">{t("userId")}</label>
      <input ref={userId} id="username" name="username" autoComplete="username" autoFocus {...invalidProps("username", errors.username)} />
      <FieldError id="username" message={errors.username} />
      <label htmlFor="password">{t("password")}</label>
      <input ref={password} id="password" name="password" type="password" autoComplete="current-password" {...invalidProps("password", errors.password)} />
      <FieldError id="password" message={errors.password} />
      <button type="submit" className="primary" aria-disabled={busy}>
        {t("login")}
      </button>
    </form>
  );
}
