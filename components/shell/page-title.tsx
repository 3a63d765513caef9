import type { ReactNode } from "react";

/** The page heading with the product's toolbar of actions beneath it. */
export function PageTitle({ title, toolbar }: { title: string; toolbar?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{title}</h1>
      {toolbar && <div className="toolbar">{toolbar}</div>}
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="section">
      <h2>{title}</h2>
      <div className="section-body">{children}</div>
    </section>
  );
}
