import { useTranslations } from "next-intl";

/**
 * The product's "Status" area: one line of outcome above the form. It is one
 * live region that stays in the page, so each outcome is announced once
 * (field errors beside their fields are tied to them, not announced again).
 */
export function StatusLine({ status }: { status: Status }) {
  const t = useTranslations("common");
  return (
    <p
      role="status"
      aria-atomic="true"
      className={status ? `status-${status.kind}` : undefined}
      data-testid={status ? "status-line" : undefined}
    >
      {status ? status.text : t("form.ready")}
    </p>
  );
}

export type Status = { kind: "ok" | "error" | "warn"; text: string } | null;

export const errorId = (id: string) => `${id}-error`;

/** aria attributes tying a field to its error message. */
export function invalidProps(id: string, message?: string) {
  return message ? { "aria-invalid": true, "aria-describedby": errorId(id) } : { "aria-invalid": false };
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span className="field-error" id={errorId(id)}>
      {message}
    </span>
  ) : null;
}
