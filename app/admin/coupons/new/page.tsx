import type { Metadata } from "next";
import { AdminPageHeader, ParentLink } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { categoryOptions } from "@/lib/coupons/admin/pickers";
import { blankCouponForm } from "@/lib/coupons/admin/form-values";
import { prisma } from "@/lib/db";
import { storeCurrency } from "@/lib/money";
import { CouponForm } from "../_components/coupon-form";

export const metadata: Metadata = { title: "New coupon" };

export default async function NewCouponPage() {
  await requireAdminPage("STAFF", "/admin/coupons/new");
  const categories = await categoryOptions(prisma);
  return (
    <div className="flex flex-col gap-6">
      <ParentLink href="/admin/coupons" label="Coupons" />
      <AdminPageHeader
        title="New coupon"
        description="Shoppers enter the code at checkout; each rule below is checked there."
      />
      <CouponForm initial={blankCouponForm(storeCurrency())} categories={categories} />
    </div>
  );
}
