import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/guards";
import { SignOutButton } from "./sign-out-button";

export interface NavItem {
  href: string;
  label: string;
}

export function AppShell({ user, nav, children }: { user: CurrentUser; nav: NavItem[]; children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">Skip to content</a>
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-6 px-6 py-3">
          <div className="flex items-center gap-8">
            <Link href="/" className="font-semibold tracking-tight">CSIRT Incidents</Link>
            <nav aria-label="Main">
              <ul className="flex gap-5 text-sm">
                {nav.map((item) => (
                  <li key={item.href}><Link href={item.href} className="text-slate-200 hover:text-white">{item.label}</Link></li>
                ))}
              </ul>
            </nav>
          </div>
          <div className="flex items-center gap-4 text-sm">
            <span className="text-slate-300" data-testid="signed-in-as">{user.name} · {user.role.toLowerCase()}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </div>
  );
}
