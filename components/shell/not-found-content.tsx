import { PageTitle, Section } from "./page-title.tsx";
import { MenuLinks } from "./menu-links.tsx";

export const NOT_FOUND_TITLE = "Page Not Found";

/** What an unknown page or record shows: no form, only the way back. */
export function NotFoundContent() {
  return (
    <>
      <PageTitle title={NOT_FOUND_TITLE} />
      <Section title="Status">
        <p className="status-error" data-testid="not-found">
          The page or record you asked for does not exist. It may have been deleted, or the address is mistyped.
        </p>
      </Section>
      <Section title="Go to">
        <MenuLinks home />
      </Section>
    </>
  );
}
