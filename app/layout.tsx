import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { siteUrl, storeName } from "@/lib/catalog/site";
import "./globals.css";

export function generateMetadata(): Metadata {
  const name = storeName();
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: name, template: `%s | ${name}` },
    description: `${name}: everyday gear, honestly priced, shipped fast.`,
    applicationName: name,
    openGraph: { siteName: name, type: "website", locale: "en_US" },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#18181b" };

// The document only: the storefront (app/(store)) and the admin (app/admin) each bring their own chrome.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:shadow-lg"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
