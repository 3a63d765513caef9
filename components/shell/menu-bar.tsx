"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { menusFor } from "./navigation.ts";
import { useRole } from "./role.tsx";

type Focus = "first" | "last" | null;

/**
 * The console's menu bar, usable by keyboard as a menu bar is: Left/Right
 * move between menus, Down/Up open a menu and move through its items,
 * Home/End jump, Escape closes it and gives focus back to its menu button.
 */
export function MenuBar() {
  const MENUS = menusFor(useRole());
  const t = useTranslations("shell");
  const [open, setOpen] = useState<number | null>(null);
  const [focusItem, setFocusItem] = useState<Focus>(null);
  const bar = useRef<HTMLElement>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (open === null) return;
    const close = (event: MouseEvent) => {
      if (!bar.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  // Keep the open menu inside the viewport (phones): shift it left when it would run past the edge.
  useLayoutEffect(() => {
    const ul = list.current;
    if (!ul) return;
    ul.style.left = "";
    const overflow = ul.getBoundingClientRect().right - document.documentElement.clientWidth + 4;
    if (overflow > 0) ul.style.left = `${-overflow}px`;
    const items = [...ul.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    if (focusItem === "first") items[0]?.focus();
    if (focusItem === "last") items.at(-1)?.focus();
  }, [open, focusItem]);

  const openMenu = (index: number, focus: Focus) => {
    setOpen(index);
    setFocusItem(focus);
  };
  const closeMenu = (returnFocus: boolean) => {
    const index = open;
    setOpen(null);
    setFocusItem(null);
    if (returnFocus && index !== null) buttons.current[index]?.focus();
  };
  const neighbour = (index: number, step: number) => (index + step + MENUS.length) % MENUS.length;

  function onButtonKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveTo(neighbour(index, 1)),
      ArrowLeft: () => moveTo(neighbour(index, -1)),
      ArrowDown: () => openMenu(index, "first"),
      ArrowUp: () => openMenu(index, "last"),
      Home: () => moveTo(0),
      End: () => moveTo(MENUS.length - 1),
      Escape: () => closeMenu(true),
    };
    const act = keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  }

  function moveTo(index: number) {
    buttons.current[index]?.focus();
    if (open !== null) openMenu(index, null);
  }

  function onItemKey(event: KeyboardEvent<HTMLUListElement>) {
    const items = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => focus(at + 1),
      ArrowUp: () => focus(at - 1),
      Home: () => focus(0),
      End: () => focus(items.length - 1),
      Escape: () => closeMenu(true),
      ArrowRight: () => {
        const next = neighbour(open!, 1);
        buttons.current[next]?.focus();
        openMenu(next, "first");
      },
      ArrowLeft: () => {
        const prev = neighbour(open!, -1);
        buttons.current[prev]?.focus();
        openMenu(prev, "first");
      },
    };
    if (event.key === "Tab") {
      setOpen(null);
      return;
    }
    const act = keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  }

  return (
    <nav className="menubar" ref={bar} aria-label={t("mainMenu")}>
      {MENUS.map((menu, index) => (
        <div className="menu" key={menu.key}>
          <button
            ref={(el) => {
              buttons.current[index] = el;
            }}
            type="button"
            className="menu-button"
            aria-haspopup="menu"
            aria-expanded={open === index}
            aria-controls={open === index ? `menu-${index}` : undefined}
            onClick={() => (open === index ? closeMenu(false) : openMenu(index, null))}
            onKeyDown={(e) => onButtonKey(e, index)}
          >
            {t(`menu.${menu.key}`)}
          </button>
          {open === index && (
            <ul className="menu-items" role="menu" id={`menu-${index}`} aria-label={t(`menu.${menu.key}`)} ref={list} onKeyDown={onItemKey}>
              {menu.items.map((item) => (
                <li key={item.href} role="none">
                  <Link role="menuitem" href={item.href} onClick={() => closeMenu(false)}>
                    {t(`menu.${item.key}`)}
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
