import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { AdminUserMenu } from "@/components/admin/admin-user-menu";
import { StoreModeBadge } from "@/components/admin/store-mode-badge";
// The admin's utilities beyond the storefront's stylesheet (app/globals.css, from the root layout).
import "./admin.css";

// Admin pages read the session and live data on every request: they block on the server by design (behind
// loading.tsx), so instant-navigation validation is not asked for here.
export const instant = false;

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s | Admin" },
  robots: { index: false, follow: false },
};

// The admin chrome is static; every page streams behind loading.tsx (a Suspense boundary that also shows
// on navigation between sections) because it reads the session, and each page checks the role itself
// (lib/auth/guard.ts).
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-1 flex-col bg-zinc-50">
      <header className="bg-zinc-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-4">
            <Link href="/admin" className="font-bold tracking-tight">
              Store admin
            </Link>
            <Suspense fallback={null}>
              <StoreModeBadge />
            </Suspense>
            <Link href="/" className="text-sm text-zinc-300 underline-offset-2 hover:underline">
              View store
            </Link>
          </div>
          <Suspense fallback={null}>
            <AdminUserMenu />
          </Suspense>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <aside className="md:w-48 md:shrink-0">
          <AdminNav />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
