import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { MenuLinks } from "@/components/shell/menu-links.tsx";

export default function HomePage() {
  return (
    <>
      <PageTitle title="Cisco Unified CM IM and Presence Administration" />
      <Section title="Welcome">
        <p>
          A working console for Presence Redundancy Groups and the Server Recovery Manager. Choose a page from the
          menus above, or:
        </p>
        <MenuLinks />
      </Section>
    </>
  );
}
