import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AdminPageHeader, buttonClass } from "@/components/admin/ui";
import { ReadinessBanner } from "@/components/admin/readiness-banner";
import { StuckRefundsBanner } from "@/components/admin/stuck-refunds-banner";
import { requireAdminPage } from "@/lib/auth/guard";
import { DASHBOARD_DAYS, storeCurrency } from "@/lib/reports/dashboard";
import { storeTimeZone } from "@/lib/reports/period";
import {
  AwaitingFulfilmentCard,
  LowStockCard,
  SalesOverview,
  SalesSkeleton,
  SearchHealthCard,
  SectionSkeleton,
  TopProductsCard,
  type Period,
} from "./reports/_components/dashboard-sections";

export const metadata: Metadata = { title: "Dashboard" };

// Every figure is read live (admin data is never cached); each section streams in its own Suspense
// boundary, so the slowest query (or an unreachable search engine) never holds up the rest.
export default async function AdminDashboardPage() {
  await requireAdminPage("STAFF", "/admin");
  const period: Period = {
    now: new Date(),
    days: DASHBOARD_DAYS,
    currency: storeCurrency(),
    timeZone: storeTimeZone(),
  };

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Dashboard"
        description={`The last ${period.days} days, today included (days in ${period.timeZone}; amounts in ${period.currency}).`}
        actions={
          <Link href="/admin/reports" className={buttonClass.secondary}>
            Reports and exports
          </Link>
        }
      />
      <ReadinessBanner />
      <Suspense fallback={null}>
        <StuckRefundsBanner />
      </Suspense>
      <Suspense fallback={<SalesSkeleton />}>
        <SalesOverview period={period} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton label="top products" height="h-64" />}>
        <TopProductsCard period={period} />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<SectionSkeleton label="orders awaiting fulfilment" />}>
          <AwaitingFulfilmentCard />
        </Suspense>
        <Suspense fallback={<SectionSkeleton label="low stock" />}>
          <LowStockCard now={period.now} />
        </Suspense>
      </div>
      <Suspense fallback={<SectionSkeleton label="search engine health" height="h-32" />}>
        <SearchHealthCard now={period.now} />
      </Suspense>
    </div>
  );
}
