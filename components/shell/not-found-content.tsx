import { getTranslations } from "next-intl/server";
import { PageTitle, Section } from "./page-title.tsx";
import { MenuLinks } from "./menu-links.tsx";

/** What an unknown page or record shows: no form, only the way back. */
export async function NotFoundContent() {
  const t = await getTranslations("shell");
  return (
    <>
      <PageTitle title={t("notFound.title")} />
      <Section title={t("notFound.status")}>
        <p className="status-error" data-testid="not-found">
          {t("notFound.text")}
        </p>
      </Section>
      <Section title={t("notFound.goTo")}>
        <MenuLinks home />
      </Section>
    </>
  );
}
