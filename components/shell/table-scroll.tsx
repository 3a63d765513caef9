import type { ReactNode } from "react";

/**
 * A table that scrolls sideways inside its own section on narrow screens,
 * so the page itself never does; focusable so the keyboard can scroll it.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
