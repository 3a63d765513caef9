import { getTranslations } from "next-intl/server";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { MenuLinks } from "@/components/shell/menu-links.tsx";

export default async function HomePage() {
  const t = await getTranslations("shell");
  return (
    <>
      <PageTitle title="Cisco Unified CM IM and Presence Administration" />
      <Section title={t("homePage.welcome")}>
        <p>{t("homePage.intro")}</p>
        <MenuLinks />
      </Section>
    </>
  );
}
