"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import { tokenInputSchema, type CreatedTokenView, type TokenView } from "@/lib/schemas/tokens.ts";

/** System > API Tokens: the account's tokens; a new one's secret is shown until the page is left. */
export function ApiTokens() {
  const t = useTranslations("tokens");
  const format = useFormatter();
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" }) : t("never"));
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
      feedback.report("ok", t("created", { name: input.name }));
      await queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
    } catch (err) {
      feedback.fail(err);
    }
  }

  async function revoke(token: TokenView) {
    if (!window.confirm(t("confirmRevoke", { name: token.name }))) return;
    try {
      await api(`/api/tokens/${token.id}`, { method: "DELETE" });
      if (created?.id === token.id) setCreated(null);
      feedback.report("ok", t("revoked", { name: token.name }));
      await queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <>
      <PageTitle title={t("title")} />
      <Section title={t("status")}>
        <StatusLine status={feedback.status} />
      </Section>
      <Section title={t("create")}>
        <form ref={feedback.formRef} onSubmit={create} noValidate aria-label={t("createForm")} className="inline-form">
          <label>
            {t("name")}{" "}
            <input id="name" value={name} {...invalidProps("name", feedback.errors.name)} onChange={(e) => setName(e.target.value)} />
            <FieldError id="name" message={feedback.errors.name} />
          </label>
          <button type="submit">{t("createButton")}</button>
        </form>
        {created && (
          <p>
            {t.rich("secret", { name: created.name, header: "Authorization: Bearer <secret>", code: (chunks) => <code>{chunks}</code> })}{" "}
            <output aria-label={t("secretLabel")}>
              <code>{created.secret}</code>
            </output>
          </p>
        )}
      </Section>
      <Section title={t("tokens")}>
        {tokens.isError && (
          <p role="alert" className="status-error">
            {tokens.error.message}
          </p>
        )}
        {tokens.data && tokens.data.length === 0 && <p>{t("none")}</p>}
        {tokens.data && tokens.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("createdAt")}</th>
                <th scope="col">{t("lastUsed")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{when(token.createdAt)}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>
                    <button type="button" className="danger" onClick={() => revoke(token)} aria-label={t("revokeOf", { name: token.name })}>
                      {t("revoke")}
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
