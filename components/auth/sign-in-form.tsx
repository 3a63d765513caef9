"use client";

import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api, ApiClientError } from "@/lib/client/api.ts";
import { fieldErrors } from "@/lib/http/errors.ts";
import { signInSchema } from "@/lib/schemas/auth.ts";

/** Only pages of this console may be returned to after sign-in. */
function safeNext(next: string | null): string {
  if (!next) return "/";
  const url = new URL(next, window.location.origin);
  return url.origin === window.location.origin ? url.pathname + url.search : "/";
}

export function SignInForm() {
  const params = useSearchParams();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ username: form.get("username"), password: form.get("password") });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setMessage(null);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api("/api/session", { method: "POST", body: parsed.data });
      window.location.assign(safeNext(params.get("next")));
    } catch (err) {
      setMessage(err instanceof ApiClientError ? err.message : "Sign-in failed");
      setBusy(false);
    }
  }

  return (
    <form className="login-form" aria-label="Sign in" onSubmit={submit} noValidate>
      {message && (
        <p role="alert" className="status-error">
          {message}
        </p>
      )}
      <label>
        Username
        <input name="username" autoComplete="username" autoFocus aria-invalid={!!errors.username} />
      </label>
      {errors.username && <span className="field-error">{errors.username}</span>}
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} />
      </label>
      {errors.password && <span className="field-error">{errors.password}</span>}
      <button type="submit" className="primary" disabled={busy}>
        Login
      </button>
    </form>
  );
}
