"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// Every admin section. Users and Fraud rules are listed for everyone but their pages and actions require ADMIN;
// Settings are readable by staff and changed by administrators.
export const ADMIN_SECTIONS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/returns", label: "Returns" },
  { href: "/admin/products", label: "Products" },
  { href: "/admin/inventory", label: "Inventory" },
  { href: "/admin/coupons", label: "Coupons" },
  { href: "/admin/promotions", label: "Promotions" },
  { href: "/admin/reviews", label: "Reviews" },
  { href: "/admin/search", label: "Search" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/risk", label: "Fraud rules" },
  { href: "/admin/users", label: "Users" },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="flex gap-1 overflow-x-auto md:flex-col">
      {ADMIN_SECTIONS.map((section) => {
        const active =
          section.href === "/admin"
            ? pathname === "/admin"
            : pathname === section.href || pathname.startsWith(`${section.href}/`);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-1 ${
              active ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-200"
            }`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
