import { getTranslations } from "next-intl/server";
import { PageTitle, Section } from "./page-title.tsx";
import { MenuLinks } from "./menu-links.tsx";

/** What an unknown page or record shows: no form, only the way back. */
export async function NotFoundContent() {
  const t = await getTranslations("shell.notFound");
  return (
    <>
      <PageTitle title={t("title")} />
      <Section title={t("status")}>
        <p className="status-error" data-testid="not-found">
          {t("text")}
        </p>
      </Section>
      <Section title={t("goTo")}>
        <MenuLinks home />
      </Section>
    </>
  );
}
