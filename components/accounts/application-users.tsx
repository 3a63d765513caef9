"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles.ts";
import { api } from "@/lib/client/api.ts";
import { accountInputSchema, PASSWORD_POLICY, passwordResetSchema, type AccountView } from "@/lib/schemas/accounts.ts";

/** System > Application Users: the console's accounts, their roles and state (Super User only). */
export function ApplicationUsers({ me }: { me: string }) {
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
      feedback.report("ok", `Account ${input.username} added as ${ROLE_LABELS[input.role]}`);
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
    if (!window.confirm(`Delete the account ${account.username}? Its sessions and API tokens end.`)) return;
    try {
      await api(`/api/accounts/${account.id}`, { method: "DELETE" });
      feedback.report("ok", `Account ${account.username} deleted`);
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
      resetFeedback.report("ok", `Password of ${resetFor.username} reset: it must be changed at the next sign-in`);
      setTemporary("");
      await refresh();
    } catch (err) {
      resetFeedback.fail(err);
    }
  }

  return (
    <>
      <PageTitle title="Application Users" />
      <Section title="Status">
        <StatusLine status={feedback.status} />
      </Section>
      <Section title="Add Application User">
        <form ref={feedback.formRef} onSubmit={add} noValidate aria-label="Add application user" className="inline-form">
          <label>
            User ID{" "}
            <input id="username" autoComplete="off" value={draft.username} {...invalidProps("username", feedback.errors.username)} onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
            <FieldError id="username" message={feedback.errors.username} />
          </label>
          <label>
            Role{" "}
            <select id="role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Password{" "}
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
          <button type="submit">Add</button>
        </form>
        <p className="hint">Password policy: {PASSWORD_POLICY}.</p>
        <p className="hint">
          Super User: everything. Operator: HA actions, faults and lab settings, services, alerts and end users; not accounts, parameters, nodes or groups.
          Read-only: sees every page, changes nothing.
        </p>
      </Section>
      {resetFor && (
        <Section title={`Reset Password of ${resetFor.username}`}>
          <StatusLine status={resetFeedback.status} />
          <form ref={resetFeedback.formRef} onSubmit={reset} noValidate aria-label="Reset password" className="inline-form">
            <label>
              Temporary password{" "}
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
            <button type="submit">Reset</button>
            <button type="button" onClick={() => setResetFor(null)}>
              Close
            </button>
          </form>
        </Section>
      )}
      <Section title="Application Users">
        {accounts.isError && (
          <p role="alert" className="status-error">
            {accounts.error.message}
          </p>
        )}
        {accounts.data && (
          <TableScroll label="Application users">
            <table>
              <thead>
                <tr>
                  <th scope="col">User ID</th>
                  <th scope="col">Role</th>
                  <th scope="col">State</th>
                  <th scope="col">Sessions</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.map((a) => {
                  const self = a.username === me;
                  const why = self ? "You cannot change your own role or state here" : undefined;
                  return (
                    <tr key={a.id} data-testid={`account-${a.username}`}>
                      <td>{a.username}</td>
                      <td>
                        <select
                          aria-label={`Role of ${a.username}`}
                          value={a.role}
                          disabled={self}
                          title={why}
                          onChange={(e) => change(a, { role: e.target.value as Role }, `${a.username} is now ${ROLE_LABELS[e.target.value as Role]}`)}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>{a.disabled ? "Disabled" : a.mustChangePassword ? "Must change password" : "Enabled"}</td>
                      <td>{a.sessions}</td>
                      <td>{new Date(a.createdAt).toLocaleString()}</td>
                      <td className="row-actions">
                        <button
                          type="button"
                          disabled={self}
                          title={why}
                          onClick={() => change(a, { disabled: !a.disabled }, `${a.username} ${a.disabled ? "enabled" : "disabled"}`)}
                        >
                          {a.disabled ? "Enable" : "Disable"}
                          <span className="visually-hidden"> {a.username}</span>
                        </button>
                        <button type="button" onClick={() => setResetFor(a)}>
                          Reset Password<span className="visually-hidden"> of {a.username}</span>
                        </button>
                        <button type="button" className="danger" disabled={self} title={why} onClick={() => remove(a)}>
                          Delete<span className="visually-hidden"> {a.username}</span>
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
