"use client";

import { useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { FieldError, invalidProps } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { api } from "@/lib/client/api.ts";
import { labSettingsSchema, type LabSettings } from "@/lib/ha/lab-settings.ts";

const FIELDS: { key: keyof LabSettings; label: string; step: string }[] = [
  { key: "speed", label: "Lab speed (× real time)", step: "0.1" },
  { key: "stepSeconds", label: "Step duration (s)", step: "1" },
  { key: "srmStartSeconds", label: "SRM start duration (s)", step: "1" },
  { key: "bootSeconds", label: "Boot duration (s)", step: "1" },
];

/** Lab time speed and durations; 1× is faithful, faster rehearses quicker. */
export function LabSettingsForm() {
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
  if (!draft) return <p>Loading…</p>;

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = feedback.validate(labSettingsSchema, Object.fromEntries(Object.entries(draft!).map(([k, v]) => [k, Number(v)])));
    if (!input) return;
    try {
      await api("/api/lab", { method: "PUT", body: input });
      feedback.report("ok", "Lab settings saved");
      await queryClient.invalidateQueries({ queryKey: ["lab"] });
    } catch (err) {
      feedback.fail(err);
    }
  }

  return (
    <form ref={feedback.formRef} onSubmit={save} noValidate aria-label="Lab settings" className="inline-form">
      {FIELDS.map((f) => (
        <label key={f.key}>
          {f.label}{" "}
          <input type="number" step={f.step} value={draft[f.key]} {...invalidProps(f.key, feedback.errors[f.key])} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          <FieldError id={f.key} message={feedback.errors[f.key]} />
        </label>
      ))}
      <button type="submit" disabled={!may.allowed} title={may.why}>Save</button>
      <span role="status" aria-atomic="true" className={feedback.status ? `status-${feedback.status.kind}` : undefined}>
        {feedback.status?.text}
      </span>
    </form>
  );
}
