"use client";
// The store settings' sections, above each settings page.
import Link from "next/link";
import { usePathname } from "next/navigation";

export const SETTINGS_SECTIONS = [
  { href: "/admin/settings", label: "Store" },
  { href: "/admin/settings/categories", label: "Categories" },
  { href: "/admin/settings/brands", label: "Brands" },
  { href: "/admin/settings/shipping", label: "Shipping" },
  { href: "/admin/settings/tax", label: "Tax" },
] as const;

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex gap-1 overflow-x-auto border-b border-zinc-200 pb-2">
      {SETTINGS_SECTIONS.map((section) => {
        const active = pathname === section.href;
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 ${
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
