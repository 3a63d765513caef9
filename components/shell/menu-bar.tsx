"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { MENUS } from "./navigation.ts";

export function MenuBar() {
  const [open, setOpen] = useState<string | null>(null);
  const bar = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !bar.current?.contains(event.target as Node)) {
        setOpen(null);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <nav className="menubar" ref={bar} aria-label="Main menu">
      {MENUS.map((menu) => (
        <div className="menu" key={menu.label}>
          <button
            type="button"
            className="menu-button"
            aria-haspopup="menu"
            aria-expanded={open === menu.label}
            onClick={() => setOpen(open === menu.label ? null : menu.label)}
          >
            {menu.label}
          </button>
          {open === menu.label && (
            <ul className="menu-items" role="menu">
              {menu.items.map((item) => (
                <li key={item.href} role="none">
                  <Link role="menuitem" href={item.href} onClick={() => setOpen(null)}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </nav>
  );
}
