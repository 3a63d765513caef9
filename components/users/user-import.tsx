"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
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

const COLUMN_LABELS: Record<string, string> = {
  userId: "User ID",
  firstName: "First Name",
  lastName: "Last Name",
  signedIn: "Signed In",
  cluster: "Cluster",
  client: "Client",
  secure: "Secure",
  dual: "Dual",
  columns: "(number of values)",
  header: "(header row)",
  file: "(file)",
  csv: "(CSV format)",
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
      setStatus({ kind: "error", text: "Choose a CSV file to import" });
      return;
    }
    if (file.size > IMPORT_MAX_CHARS) {
      setStatus({ kind: "error", text: `${file.name} is larger than ${IMPORT_MAX_CHARS / 1024 / 1024} MB` });
      return;
    }
    setBusy(true);
    setStatus({ kind: "warn", text: `Importing ${file.name}…` });
    try {
      const csv = await file.text();
      const imported = await api<ImportResult>("/api/users/import", { method: "POST", body: { csv } });
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      setResult(imported);
      setStatus({ kind: "ok", text: `${imported.imported} user${imported.imported === 1 ? "" : "s"} imported` });
      if (input.current) input.current.value = "";
    } catch (err) {
      setProblems(problemsOf(feedback.fail(err).body.fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Import Users">
      <PageTitle
        title="Import Users"
        toolbar={
          <>
            <button type="submit" title={may.why} disabled={!may.allowed || busy}>
              Import
            </button>
            <Link href={USERS_BASE}>Back to Find/List</Link>
          </>
        }
      />
      <Section title="Status">
        <RoleNotice permission="end_users" />
        <StatusLine status={feedback.status} />
      </Section>
      <Section title="File">
        <div className="form-grid">
          <label htmlFor="csvFile">CSV Data File*</label>
          <div>
            <input id="csvFile" ref={input} type="file" accept=".csv,text/csv,text/plain" />
            <div className="hint">
              The first row names the columns: <code>userId,firstName,lastName</code> and optionally <code>cluster</code> (each user&apos;s home
              cluster, required when the console has more than one) and <code>signedIn</code> (true/false, yes/no,
              1/0), <code>client</code> (desktop, mobile or ios-background; desktop when empty), <code>secure</code> and <code>dual</code>
              (true when empty). Then one user per row, at most {IMPORT_MAX_ROWS.toLocaleString("en-US")}. Every row is checked first; if any row has an
              error, nothing is imported. The Sync Agent assigns the users to nodes under the User Assignment Mode.
            </div>
          </div>
        </div>
      </Section>
      {problems.length > 0 && (
        <Section title="Errors">
          <TableScroll label="Import errors">
            <table className="list compact" data-testid="import-errors">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Column</th>
                  <th>Error</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={`${p.row}:${p.field}`}>
                    <td>{p.row ?? ""}</td>
                    <td>{COLUMN_LABELS[p.field] ?? p.field}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      )}
      {result && (
        <Section title="Assignment">
          <TableScroll label="Assignment">
            <table className="list compact" data-testid="import-result">
              <thead>
                <tr>
                  <th>Node</th>
                  <th>Users Assigned</th>
                </tr>
              </thead>
              <tbody>
                {result.assignedPerNode.map((n) => (
                  <tr key={n.nodeId}>
                    <td>{n.hostName}</td>
                    <td>{n.users}</td>
                  </tr>
                ))}
                {result.unassigned > 0 && (
                  <tr>
                    <td className="empty">Unassigned</td>
                    <td>{result.unassigned}</td>
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
