"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useState } from "react";

export interface NavItem {
  href: string;
  label: string;
  /** Things waiting there ("3"), shown when above zero, and what they are for screen readers ("need attention"). */
  count?: number;
  countLabel?: string;
}

/**
 * The navigation and the account links: a row on wide screens, behind a "Menu" disclosure button
 * on phones (the row would run off the bar there).
 */
export function MainNav({ nav, account }: { nav: NavItem[]; account: React.ReactNode }) {
  const pathname = usePathname();
  // Open for one page only: navigating closes the menu.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const panelId = useId();
  return (
    <>
      <button
        type="button"
        className="rounded border border-slate-600 px-3 py-1 text-sm md:hidden"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        {open ? "Close menu" : "Menu"}
      </button>
      <div
        id={panelId}
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 border-t border-slate-700 pt-3 md:flex md:w-auto md:flex-1
          md:flex-row md:items-center md:justify-between md:gap-6 md:border-0 md:pt-0`}
      >
        <nav aria-label="Main">
          <ul className="flex flex-col gap-2 text-sm md:flex-row md:flex-wrap md:gap-x-5 md:gap-y-1">
            {nav.map((item) => {
              const current = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? "page" : undefined}
                    className={`block py-1 hover:text-white md:py-0 ${current ? "font-medium text-white" : "text-slate-200"}`}
                  >
                    {item.label}
                    {item.count ? (
                      <span
                        className="ml-1.5 rounded-full bg-amber-300 px-1.5 text-xs font-semibold tabular-nums text-slate-950"
                        data-testid={`nav-count-${item.href.slice(1)}`}
                      >
                        {item.count.toLocaleString("en-GB")}
                        <span className="sr-only"> {item.countLabel}</span>
                      </span>
                    ) : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-4 text-sm">{account}</div>
      </div>
    </>
  );
}
