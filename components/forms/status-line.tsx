/** The product's "Status" area: one line of outcome above the form. */
export function StatusLine({ status }: { status: { kind: "ok" | "error" | "warn"; text: string } | null }) {
  if (!status) return <p role="status">Status: Ready</p>;
  return (
    <p role={status.kind === "error" ? "alert" : "status"} className={`status-${status.kind}`} data-testid="status-line">
      {status.text}
    </p>
  );
}

export type Status = { kind: "ok" | "error" | "warn"; text: string } | null;

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span className="field-error" id={`${id}-error`} role="alert">
      {message}
    </span>
  ) : null;
}
