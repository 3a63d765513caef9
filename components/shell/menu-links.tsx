"use client";

import Link from "next/link";
import { menusFor } from "./navigation.ts";
import { useRole } from "./role.tsx";

/** Every page of the menus as a plain list of links, for pages that point the way. */
export function MenuLinks({ home = false }: { home?: boolean }) {
  const MENUS = menusFor(useRole());
  return (
    <ul>
      {home && (
        <li>
          <Link href="/">Home</Link>
        </li>
      )}
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
  );
}
