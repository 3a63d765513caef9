"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { menusFor } from "./navigation.ts";
import { useRole } from "./role.tsx";

/** Every page of the menus as a plain list of links, for pages that point the way. */
export function MenuLinks({ home = false }: { home?: boolean }) {
  const MENUS = menusFor(useRole());
  const t = useTranslations("shell");
  return (
    <ul>
      {home && (
        <li>
          <Link href="/">{t("home")}</Link>
        </li>
      )}
      {MENUS.flatMap((menu) =>
        menu.items.map((item) => (
          <li key={item.href}>
            <Link href={item.href}>
              {t(`menu.${menu.key}`)} &gt; {t(`menu.${item.key}`)}
            </Link>
          </li>
        )),
      )}
    </ul>
  );
}
