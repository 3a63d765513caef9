"use client";

import { useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FieldError, invalidProps } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { api } from "@/lib/client/api.ts";
import { labSettingsSchema, type LabSettings } from "@/lib/ha/lab-settings.ts";

/** Each setting with its label in the ha catalogue. */
const FIELDS: { key: keyof LabSettings; label: string; step: string }[] = [
  { key: "speed", label: "labSettings.speed", step: "0.1" },
  { key: "stepSeconds", label: "labSettings.stepSeconds", step: "1" },
  { key: "srmStartSeconds", label: "labSettings.srmStartSeconds", step: "1" },
  { key: "bootSeconds", label: "labSettings.bootSeconds", step: "1" },
];

/** Lab time speed and durations; 1× is faithful, faster rehearses quicker. */
export function LabSettingsForm() {
  const t = useTranslations("ha");
  const may = useCan("faults");
  const queryClient = useQueryClient();
  const lab = useQuery({ queryKey: ["lab"], queryFn: () => api<LabSettings & { labNow: number }>("/api/lab") });
  const [draft, setDraft] = useState<Record<keyof LabSettings, string> | null>(null);
  const feedback = useFormFeedback();

  useEffect(() => {
    if (lab.data && !draft) {
      setDraft(Object.fromEntries(FIELDS.map((f) => [f.key, String(lab.data[f.key])])) as Record<keyof LabSettings, string>);
    }
  }, [lab.data, draft]);
  if (!draft) return <p>{t("loading")}</p>;

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = feedback.validate(labSettingsSchema, Object.fromEntries(Object.entries(draft!).map(([k, v]) => [k, Number(v)])));
    if (!input) return;
    try {
      await api("/api/lab", { method: "PUT", body: input });
      feedback.report("ok", t("labSettings.saved"));
      await queryClient.invalidateQueries({ queryKey: ["lab"] });
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <form ref={feedback.formRef} onSubmit={save} noValidate aria-label={t("labSettings.form")} className="inline-form">
      {FIELDS.map((f) => (
        <label key={f.key}>
          {t(f.label)}{" "}
          <input type="number" step={f.step} value={draft[f.key]} {...invalidProps(f.key, feedback.errors[f.key])} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          <FieldError id={f.key} message={feedback.errors[f.key]} />
        </label>
      ))}
      <button type="submit" disabled={!may.allowed} title={may.why}>{t("labSettings.save")}</button>
      <span role="status" aria-atomic="true" className={feedback.status ? `status-${feedback.status.kind}` : undefined}>
        {feedback.status?.text}
      </span>
    </form>
  );
}
