import Link from "next/link";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { MENUS } from "@/components/shell/navigation.ts";

export default function HomePage() {
  return (
    <>
      <PageTitle title="Cisco Unified CM IM and Presence Administration" />
      <Section title="Welcome">
        <p>
          A working console for Presence Redundancy Groups and the Server Recovery Manager. Choose a page from the
          menus above, or:
        </p>
        <ul>
          {MENUS.flatMap((menu) =>
            menu.items.map((item) => (
              <li key={item.href}>
                <Link href={item.href}>
                  {menu.label} &gt; {item.label}
                </Link>
              </li>
            )),
          )}
        </ul>
      </Section>
    </>
  );
}
