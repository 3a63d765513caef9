"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { ROLES, type Role } from "@/lib/auth/roles.ts";
import { api } from "@/lib/client/api.ts";
import { accountInputSchema, passwordResetSchema, type AccountView } from "@/lib/schemas/accounts.ts";

/** System > Application Users: the console's accounts, their roles and state (Super User only). */
export function ApplicationUsers({ me }: { me: string }) {
  const t = useTranslations("accounts");
  const auth = useTranslations("auth");
  const errors = useTranslations("errors");
  const format = useFormatter();
  const roleLabel = (role: Role) => errors(`role.${role}`);
  const queryClient = useQueryClient();
  const accounts = useQuery({ queryKey: ["accounts"], queryFn: () => api<AccountView[]>("/api/accounts") });
  const [draft, setDraft] = useState<{ username: string; role: Role; password: string }>({ username: "", role: "operator", password: "" });
  const [resetFor, setResetFor] = useState<AccountView | null>(null);
  const [temporary, setTemporary] = useState("");
  const feedback = useFormFeedback();
  const resetFeedback = useFormFeedback();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["accounts"] });

  async function add(event: FormEvent) {
    event.preventDefault();
    const input = feedback.validate(accountInputSchema, draft);
    if (!input) return;
    try {
      await api("/api/accounts", { method: "POST", body: input });
      feedback.report("ok", t("users.added", { username: input.username, role: roleLabel(input.role) }));
      setDraft({ username: "", role: "operator", password: "" });
      await refresh();
    } catch (err) {
      feedback.fail(err);
    }
  }

  async function change(account: AccountView, body: { role?: Role; disabled?: boolean }, done: string) {
    try {
      await api(`/api/accounts/${account.id}`, { method: "PATCH", body });
      feedback.report("ok", done);
      await refresh();
    } catch (err) {
      feedback.fail(err);
    }
  }

  async function remove(account: AccountView) {
    if (!window.confirm(t("users.confirmDelete", { username: account.username }))) return;
    try {
      await api(`/api/accounts/${account.id}`, { method: "DELETE" });
      feedback.report("ok", t("users.deleted", { username: account.username }));
      await refresh();
    } catch (err) {
      feedback.fail(err);
    }
  }

  async function reset(event: FormEvent) {
    event.preventDefault();
    if (!resetFor) return;
    const input = resetFeedback.validate(passwordResetSchema, { password: temporary });
    if (!input) return;
    try {
      await api(`/api/accounts/${resetFor.id}/password`, { method: "PUT", body: input });
      resetFeedback.report("ok", t("users.resetDone", { username: resetFor.username }));
      setTemporary("");
      await refresh();
    } catch (err) {
      resetFeedback.fail(err);
    }
  }

  return (
    <>
      <PageTitle title={t("title.applicationUsers")} />
      <Section title={t("users.status")}>
        <StatusLine status={feedback.status} />
      </Section>
      <Section title={t("users.add")}>
        <form ref={feedback.formRef} onSubmit={add} noValidate aria-label={t("users.addForm")} className="inline-form">
          <label>
            {t("users.userId")}{" "}
            <input id="username" autoComplete="off" value={draft.username} {...invalidProps("username", feedback.errors.username)} onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
            <FieldError id="username" message={feedback.errors.username} />
          </label>
          <label>
            {t("users.role")}{" "}
            <select id="role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("users.password")}{" "}
            <input
              id="password"
              type="password"
              autoComplete="new-password"
              value={draft.password}
              {...invalidProps("password", feedback.errors.password)}
              onChange={(e) => setDraft({ ...draft, password: e.target.value })}
            />
            <FieldError id="password" message={feedback.errors.password} />
          </label>
          <button type="submit">{t("users.addButton")}</button>
        </form>
        <p className="hint">{auth("passwordPolicy")}</p>
        <p className="hint">{t("users.roles")}</p>
      </Section>
      {resetFor && (
        <Section title={t("users.resetTitle", { username: resetFor.username })}>
          <StatusLine status={resetFeedback.status} />
          <form ref={resetFeedback.formRef} onSubmit={reset} noValidate aria-label={t("users.resetForm")} className="inline-form">
            <label>
              {t("users.temporary")}{" "}
              <input
                id="temporary"
                type="password"
                autoComplete="new-password"
                value={temporary}
                {...invalidProps("password", resetFeedback.errors.password)}
                onChange={(e) => setTemporary(e.target.value)}
              />
              <FieldError id="password" message={resetFeedback.errors.password} />
            </label>
            <button type="submit">{t("users.reset")}</button>
            <button type="button" onClick={() => setResetFor(null)}>
              {t("users.close")}
            </button>
          </form>
        </Section>
      )}
      <Section title={t("users.list")}>
        {accounts.isError && (
          <p role="alert" className="status-error">
            {accounts.error.message}
          </p>
        )}
        {accounts.data && (
          <TableScroll label={t("users.listLabel")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("users.userId")}</th>
                  <th scope="col">{t("users.role")}</th>
                  <th scope="col">{t("users.state")}</th>
                  <th scope="col">{t("users.sessions")}</th>
                  <th scope="col">{t("users.created")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("users.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.map((a) => {
                  const self = a.username === me;
                  const why = self ? t("users.self") : undefined;
                  return (
                    <tr key={a.id} data-testid={`account-${a.username}`}>
                      <td>{a.username}</td>
                      <td>
                        <select
                          aria-label={t("users.roleOf", { username: a.username })}
                          value={a.role}
                          disabled={self}
                          title={why}
                          onChange={(e) => change(a, { role: e.target.value as Role }, t("users.nowRole", { username: a.username, role: roleLabel(e.target.value as Role) }))}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {roleLabel(r)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>{a.disabled ? t("users.stateDisabled") : a.mustChangePassword ? t("users.stateMustChange") : t("users.stateEnabled")}</td>
                      <td>{format.number(a.sessions)}</td>
                      <td>{format.dateTime(new Date(a.createdAt), { dateStyle: "short", timeStyle: "medium" })}</td>
                      <td className="row-actions">
                        <button
                          type="button"
                          disabled={self}
                          title={why}
                          onClick={() => change(a, { disabled: !a.disabled }, a.disabled ? t("users.enabledNow", { username: a.username }) : t("users.disabledNow", { username: a.username }))}
                        >
                          {a.disabled ? t("users.enable") : t("users.disable")}
                          <span className="visually-hidden">{t("users.hiddenName", { username: a.username })}</span>
                        </button>
                        <button type="button" onClick={() => setResetFor(a)}>
                          {t("users.resetPassword")}
                          <span className="visually-hidden">{t("users.resetPasswordOf", { username: a.username })}</span>
                        </button>
                        <button type="button" className="danger" disabled={self} title={why} onClick={() => remove(a)}>
                          {t("users.delete")}
                          <span className="visually-hidden">{t("users.hiddenName", { username: a.username })}</span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
    </>
  );
}
