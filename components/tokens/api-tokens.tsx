"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import { tokenInputSchema, type CreatedTokenView, type TokenView } from "@/lib/schemas/tokens.ts";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "Never");

/** System > API Tokens: the account's tokens; a new one's secret is shown until the page is left. */
export function ApiTokens() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["api-tokens"], queryFn: () => api<TokenView[]>("/api/tokens") });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedTokenView | null>(null);
  const feedback = useFormFeedback();

  async function create(event: FormEvent) {
    event.preventDefault();
    const input = feedback.validate(tokenInputSchema, { name });
    if (!input) return;
    try {
      setCreated(await api<CreatedTokenView>("/api/tokens", { method: "POST", body: input }));
      setName("");
      feedback.report("ok", `Token ${input.name} created. Copy its secret now: it is not shown again.`);
      await queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
    } catch (err) {
      feedback.fail(err);
    }
  }

  async function revoke(token: TokenView) {
    if (!window.confirm(`Revoke the token ${token.name}? Scripts using it will be refused.`)) return;
    try {
      await api(`/api/tokens/${token.id}`, { method: "DELETE" });
      if (created?.id === token.id) setCreated(null);
      feedback.report("ok", `Token ${token.name} revoked`);
      await queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <>
      <PageTitle title="API Tokens" />
      <Section title="Status">
        <StatusLine status={feedback.status} />
      </Section>
      <Section title="Create Token">
        <form ref={feedback.formRef} onSubmit={create} noValidate aria-label="Create token" className="inline-form">
          <label>
            Name{" "}
            <input id="name" value={name} {...invalidProps("name", feedback.errors.name)} onChange={(e) => setName(e.target.value)} />
            <FieldError id="name" message={feedback.errors.name} />
          </label>
          <button type="submit">Create</button>
        </form>
        {created && (
          <p>
            Secret of {created.name} (send as <code>Authorization: Bearer &lt;secret&gt;</code>):{" "}
            <output aria-label="New token secret">
              <code>{created.secret}</code>
            </output>
          </p>
        )}
      </Section>
      <Section title="Tokens">
        {tokens.isError && (
          <p role="alert" className="status-error">
            {tokens.error.message}
          </p>
        )}
        {tokens.data && tokens.data.length === 0 && <p>No tokens</p>}
        {tokens.data && tokens.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last Used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{when(t.createdAt)}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>
                    <button type="button" className="danger" onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
