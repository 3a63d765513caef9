"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FieldError, invalidProps } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { api } from "@/lib/client/api.ts";
import { passwordChangeSchema } from "@/lib/schemas/accounts.ts";

/** The signed-in account chooses a new password; forced after an administrator's reset. */
export function ChangePasswordForm({ forced }: { forced: boolean }) {
  const t = useTranslations("auth");
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [confirm, setConfirm] = useState("");
  const feedback = useFormFeedback();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = feedback.validate(passwordChangeSchema, { currentPassword, newPassword });
    if (!input) return;
    if (confirm !== newPassword) {
      feedback.refuse({ confirm: t("changePassword.differ") });
      return;
    }
    try {
      await api("/api/account/password", { method: "PUT", body: input });
      window.location.assign("/");
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <form ref={feedback.formRef} className="login-form" aria-label={t("changePassword.form")} onSubmit={submit} noValidate>
      <p role="alert" className="status-error">
        {feedback.status?.kind === "error" ? feedback.status.text : ""}
      </p>
      {forced && <p>{t("changePassword.forced")}</p>}
      <label htmlFor="currentPassword">{forced ? t("changePassword.temporary") : t("changePassword.current")}</label>
      <input id="currentPassword" type="password" autoComplete="current-password" value={currentPassword} {...invalidProps("currentPassword", feedback.errors.currentPassword)} onChange={(e) => setCurrent(e.target.value)} />
      <FieldError id="currentPassword" message={feedback.errors.currentPassword} />
      <label htmlFor="newPassword">{t("changePassword.new")}</label>
      <input id="newPassword" type="password" autoComplete="new-password" aria-describedby="policy" value={newPassword} {...invalidProps("newPassword", feedback.errors.newPassword)} onChange={(e) => setNew(e.target.value)} />
      <FieldError id="newPassword" message={feedback.errors.newPassword} />
      <label htmlFor="confirm">{t("changePassword.confirm")}</label>
      <input id="confirm" type="password" autoComplete="new-password" value={confirm} {...invalidProps("confirm", feedback.errors.confirm)} onChange={(e) => setConfirm(e.target.value)} />
      <FieldError id="confirm" message={feedback.errors.confirm} />
      <p id="policy" className="hint">
        {t("passwordPolicy")}
      </p>
      <button type="submit" className="primary">
        {t("changePassword.submit")}
      </button>
    </form>
  );
}
