"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api.ts";
import { CLIENT_KINDS } from "@/lib/clients/sim.ts";
import type { ClientProfileView } from "@/lib/schemas/clients.ts";
import { useClientKindLabels } from "@/components/users/client-kind-labels.ts";

/** The Find and List bulk action: one client kind and mode for every selected user. */
export function ClientBulkForm({ ids, onDone }: { ids: number[]; onDone(text: string, ok: boolean): void }) {
  const t = useTranslations("users");
  const kinds = useClientKindLabels();
  const [profile, setProfile] = useState<ClientProfileView>({ kind: "desktop", secure: true, dual: true });
  const [busy, setBusy] = useState(false);

  async function apply() {
    setBusy(true);
    try {
      const { updated } = await api<{ updated: number }>("/api/users/clients", { method: "POST", body: { ids, ...profile } });
      onDone(t("bulk.done", { count: updated }), true);
    } catch (err) {
      onDone((err as Error).message, false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="client-bulk" data-testid="client-bulk">
      <legend>{t("bulk.legend")}</legend>
      <label>
        {t("bulk.kind")}{" "}
        <select value={profile.kind} onChange={(e) => setProfile({ ...profile, kind: e.target.value as ClientProfileView["kind"] })}>
          {CLIENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {kinds[k]}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        <input type="checkbox" checked={profile.secure} onChange={(e) => setProfile({ ...profile, secure: e.target.checked })} /> {t("bulk.secure")}
      </label>{" "}
      <label>
        <input type="checkbox" checked={profile.dual} onChange={(e) => setProfile({ ...profile, dual: e.target.checked })} /> {t("bulk.dual")}
      </label>{" "}
      <button type="button" onClick={() => void apply()} disabled={ids.length === 0 || busy}>
        {t("bulk.apply")}
      </button>
    </fieldset>
  );
}
