import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { UnsubscribeAlertForm } from "@/components/wishlist/unsubscribe-alert-form";
import { prisma } from "@/lib/db";
import { signedStockAlertLink, stockAlertSummary } from "@/lib/inventory/stock-alert-unsubscribe";
import { unsubscribeStockAlertAction } from "../actions";

// The link from a back-in-stock email. A damaged or forged link is a 404, answered with HTTP 404 by proxy.ts
// before this page streams (lib/proxy/detail-gates.ts); the check below repeats it.
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false }, referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function Unsubscribe({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const { alert, token } = await searchParams;
  const link = signedStockAlertLink({ alert, token });
  if (!link) notFound();
  const summary = await stockAlertSummary(prisma, link.alert);
  if (!summary) {
    return (
      <p role="status" data-testid="alert-unsubscribed" className="text-sm text-zinc-700">
        This alert is already off: we won&apos;t email you about it.
      </p>
    );
  }
  const itemName = summary.variantTitle ? `${summary.productTitle} (${summary.variantTitle})` : summary.productTitle;
  return (
    <UnsubscribeAlertForm
      alertId={link.alert}
      token={link.token}
      itemName={itemName}
      unsubscribe={unsubscribeStockAlertAction}
    />
  );
}

export default function UnsubscribeAlertPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <h1 className="text-2xl font-bold tracking-tight">Back-in-stock alert</h1>
      <Suspense fallback={<div className="h-32 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
        <Unsubscribe searchParams={searchParams} />
      </Suspense>
      <Link href="/" className="text-sm font-medium underline">
        Continue shopping
      </Link>
    </div>
  );
}
