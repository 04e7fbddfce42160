import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/guards";
import type { FormAction } from "@/lib/http/action";
import { ROLE_LABEL } from "@/lib/labels";
import { MainNav, type NavItem } from "./main-nav";
import { SignOutButton } from "./sign-out-button";

export type { NavItem };

export function AppShell({
  user,
  nav,
  signOut,
  children,
}: {
  user: CurrentUser;
  nav: NavItem[];
  signOut: FormAction<unknown>;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-8 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="font-semibold tracking-tight">
            CSIRT Incidents
          </Link>
          <MainNav
            nav={nav}
            account={
              <>
                {user.role === "INSTITUTION" ? (
                  <span className="break-all text-slate-300" data-testid="signed-in-as">
                    {user.name} · {ROLE_LABEL[user.role].toLowerCase()}
                  </span>
                ) : (
                  <Link
                    href="/account/security"
                    className="break-all text-slate-300 underline-offset-2 hover:underline"
                    data-testid="signed-in-as"
                    title="Sign-in security"
                  >
                    {user.name} · {ROLE_LABEL[user.role].toLowerCase()}
                  </Link>
                )}
                <SignOutButton action={signOut} />
              </>
            }
          />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
