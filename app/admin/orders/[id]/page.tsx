// The seller's view of one order: its items and totals, shipments, payments and refunds, history, and the
// cards that act on it (./_components; the forms post the actions of ../actions.ts).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminPageHeader, Badge, ParentLink } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { getOrderForAdmin } from "@/lib/orders/admin-queries";
import { readRiskSettings } from "@/lib/orders/risk-settings";
import { staffRefundLimits } from "@/lib/orders/refund-limits";
import { listOrderReturns } from "@/lib/orders/returns-queries";
import { OrderStatusBadge, PaymentStatusBadge, TestPaymentBadge } from "../_components/status-badges";
import { CancelCard, FraudReviewCard, RefundCard, ShipCard } from "./_components/action-cards";
import { CustomerCards } from "./_components/customer-cards";
import { AuditCard, TimelineCard } from "./_components/history-cards";
import { LinesCard } from "./_components/lines-card";
import { PaymentsCard } from "./_components/payments-card";
import { RefusedPaymentsAlert } from "./_components/refused-payments-alert";
import { ReturnsCard } from "./_components/returns-card";
import { RiskCard } from "./_components/risk-card";
import { ShipmentsCard } from "./_components/shipments-card";
import { when } from "./_components/time";

export const metadata: Metadata = { title: "Order" };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireAdminPage("STAFF", "/admin/orders");
  const { id } = await params;
  const [order, risk, returns] = await Promise.all([
    getOrderForAdmin(prisma, id),
    readRiskSettings(prisma),
    listOrderReturns(prisma, id),
  ]);
  if (!order) notFound();

  return (
    <div className="flex flex-col gap-6">
      <ParentLink href="/admin/orders" label="← All orders" />
      <AdminPageHeader
        title={`Order #${order.number}`}
        description={`Placed ${when(order.createdAt)} by ${order.email}`}
        actions={
          <div className="flex flex-wrap items-center gap-2" data-testid="order-badges">
            <OrderStatusBadge status={order.status} paymentStatus={order.paymentStatus} />
            <PaymentStatusBadge status={order.paymentStatus} />
            {order.paidWithTestProvider ? <TestPaymentBadge /> : null}
            {order.fraudReview ? <Badge tone="bad">Fraud review</Badge> : null}
          </div>
        }
      />

      {order.paidWithTestProvider ? (
        <p
          role="note"
          className="rounded-md border-2 border-dashed border-amber-500 bg-amber-50 p-3 text-sm font-semibold text-amber-900"
          data-testid="test-payment-note"
        >
          TEST order: paid with the built-in test payment provider. No money was taken; do not ship it as a sale.
        </p>
      ) : null}

      <RefusedPaymentsAlert order={order} />
      <FraudReviewCard order={order} />
      <RiskCard order={order} holdAtScore={risk.enabled ? risk.holdAtScore : null} />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          <LinesCard order={order} />
          <ShipCard order={order} />
          <ShipmentsCard order={order} />
          <ReturnsCard returns={returns} />
          <PaymentsCard order={order} />
          <RefundCard order={order} limits={user.role === "ADMIN" ? null : staffRefundLimits()} />
          <TimelineCard order={order} />
          <AuditCard order={order} />
        </div>

        <div className="flex flex-col gap-6">
          <CustomerCards order={order} />
          <CancelCard order={order} />
        </div>
      </div>
    </div>
  );
}
