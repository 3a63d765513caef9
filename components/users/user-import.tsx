"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import { IMPORT_MAX_CHARS, IMPORT_MAX_ROWS, parseRowErrorKey, type ImportResult } from "@/lib/schemas/users.ts";
import { USERS_BASE } from "./user-list.tsx";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

interface RowProblem {
  row: number | null;
  field: string;
  message: string;
}

/** The import's columns and whole-file problems as the answer names them, each with its message key. */
const COLUMN_LABELS: Record<string, string> = {
  userId: "import.columnLabel.userId",
  firstName: "import.columnLabel.firstName",
  lastName: "import.columnLabel.lastName",
  signedIn: "import.columnLabel.signedIn",
  cluster: "import.columnLabel.cluster",
  client: "import.columnLabel.client",
  secure: "import.columnLabel.secure",
  dual: "import.columnLabel.dual",
  columns: "import.columnLabel.columns",
  header: "import.columnLabel.header",
  file: "import.columnLabel.file",
  csv: "import.columnLabel.csv",
};

function problemsOf(fields: Record<string, string> | undefined): RowProblem[] {
  return Object.entries(fields ?? {})
    .map(([key, message]) => {
      const at = parseRowErrorKey(key);
      return at ? { ...at, message } : { row: null, field: key, message };
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** Import Users: one CSV file, checked whole, imported whole or not at all. */
export function UserImport() {
  const t = useTranslations("users");
  const format = useFormatter();
  const may = useCan("end_users");
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const feedback = useFormFeedback();
  const { setStatus } = feedback;
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setProblems([]);
    setResult(null);
    if (!file) {
      setStatus({ kind: "error", text: t("import.chooseFile") });
      return;
    }
    if (file.size > IMPORT_MAX_CHARS) {
      setStatus({ kind: "error", text: t("import.tooLarge", { file: file.name, megabytes: IMPORT_MAX_CHARS / 1024 / 1024 }) });
      return;
    }
    setBusy(true);
    setStatus({ kind: "warn", text: t("import.importing", { file: file.name }) });
    try {
      const csv = await file.text();
      const imported = await api<ImportResult>("/api/users/import", { method: "POST", body: { csv } });
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      setResult(imported);
      setStatus({ kind: "ok", text: t("import.imported", { count: imported.imported }) });
      if (input.current) input.current.value = "";
    } catch (err) {
      setProblems(problemsOf(feedback.fail(err).body.fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("title.import")}>
      <PageTitle
        title={t("title.import")}
        toolbar={
          <>
            <button type="submit" title={may.why} disabled={!may.allowed || busy}>
              {t("import.import")}
            </button>
            <Link href={USERS_BASE}>{t("import.back")}</Link>
          </>
        }
      />
      <Section title={t("import.status")}>
        <RoleNotice permission="end_users" />
        <StatusLine status={feedback.status} />
      </Section>
      <Section title={t("import.file")}>
        <div className="form-grid">
          <label htmlFor="csvFile">{t("import.csvFile")}</label>
          <div>
            <input id="csvFile" ref={input} type="file" accept=".csv,text/csv,text/plain" />
            <div className="hint">
              {t.rich("import.hintColumns", { code: (chunks) => <code>{chunks}</code> })} {t("import.hintRows", { max: IMPORT_MAX_ROWS })}
            </div>
          </div>
        </div>
      </Section>
      {problems.length > 0 && (
        <Section title={t("import.errors")}>
          <TableScroll label={t("import.errorsLabel")}>
            <table className="list compact" data-testid="import-errors">
              <thead>
                <tr>
                  <th>{t("import.row")}</th>
                  <th>{t("import.column")}</th>
                  <th>{t("import.error")}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={`${p.row}:${p.field}`}>
                    <td>{p.row ?? ""}</td>
                    <td>{p.field in COLUMN_LABELS ? t(COLUMN_LABELS[p.field]!) : p.field}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      )}
      {result && (
        <Section title={t("import.assignment")}>
          <TableScroll label={t("import.assignment")}>
            <table className="list compact" data-testid="import-result">
              <thead>
                <tr>
                  <th>{t("import.node")}</th>
                  <th>{t("import.usersAssigned")}</th>
                </tr>
              </thead>
              <tbody>
                {result.assignedPerNode.map((n) => (
                  <tr key={n.nodeId}>
                    <td>{n.hostName}</td>
                    <td>{format.number(n.users)}</td>
                  </tr>
                ))}
                {result.unassigned > 0 && (
                  <tr>
                    <td className="empty">{t("import.unassigned")}</td>
                    <td>{format.number(result.unassigned)}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      )}
    </form>
  );
}
