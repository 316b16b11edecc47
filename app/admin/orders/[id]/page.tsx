import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { AdminPageHeader, Badge, Card, DataTable, EmptyState } from "@/components/admin/ui";
import { requireAdminPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { addressLines } from "@/lib/email/order-confirmation";
import { formatMoney } from "@/lib/money";
import { getOrderForAdmin, type AdminOrderDetail } from "@/lib/orders/admin-queries";
import { CARRIERS, isSafeTrackingUrl } from "@/lib/orders/carriers";
import { REFUND_REASONS } from "@/lib/orders/refund-order";
import { staffRefundLimits } from "@/lib/orders/refund-limits";
import { isRefundStuck, REFUND_STUCK_AFTER_MINUTES } from "@/lib/payments/refund-reconcile";
import { CancelForm, DeliverForm, FraudReviewForm, FulfilForm, RefundForm } from "../_components/order-forms";
import { OrderStatusBadge, PaymentStatusBadge, TestPaymentBadge } from "../_components/status-badges";

export const metadata: Metadata = { title: "Order" };

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function Time({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{when(date)}</time>;
}

/** A new key per render: each rendered form is one request, however often it is submitted. */
function requestKey(kind: string): string {
  return `${kind}:${randomUUID()}`;
}

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireAdminPage("STAFF", "/admin/orders");
  const { id } = await params;
  const order = await getOrderForAdmin(prisma, id);
  if (!order) notFound();
  const money = (cents: number) => formatMoney(cents, order.currency);

  // Each action form stays on the page once its job is done (e.g. the last unit shipped), so the result
  // of the last submit is still shown and announced; it then says there is nothing left to do.
  const unfulfilled = order.lines.filter((line) => line.remainingQuantity > 0);
  const showShip = ["PAID", "PARTIALLY_FULFILLED", "FULFILLED", "DELIVERED"].includes(order.status);
  const canShip = (order.status === "PAID" || order.status === "PARTIALLY_FULFILLED") && unfulfilled.length > 0;
  const canCancel = ["PENDING_PAYMENT", "PAID", "REFUNDED"].includes(order.status) && order.shipments.length === 0;
  const showCancel = canCancel || order.status === "CANCELLED";
  const showRefund =
    order.status !== "PENDING_PAYMENT" && order.payments.some((payment) => payment.status === "SUCCEEDED");
  const onTheWay = order.shipments.filter((shipment) => shipment.status === "SHIPPED");
  const limits = user.role === "ADMIN" ? null : staffRefundLimits();

  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/admin/orders" className="text-zinc-700 underline underline-offset-2 hover:text-zinc-900">
          ← All orders
        </Link>
      </p>
      <AdminPageHeader
        title={`Order #${order.number}`}
        description={`Placed ${when(order.createdAt)} by ${order.email}`}
        actions={
          <div className="flex flex-wrap items-center gap-2" data-testid="order-badges">
            <OrderStatusBadge status={order.status} />
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

      {order.fraudReview ? (
        <Card title="Held for fraud review">
          <p className="mb-3 text-sm text-zinc-700">This order cannot ship until the review is resolved.</p>
          <FraudReviewForm orderId={order.id} />
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          <LinesCard order={order} />

          {showShip ? (
            <Card title="Ship items">
              {order.fraudReview && canShip ? (
                <p className="text-sm text-zinc-700">Resolve the fraud review first.</p>
              ) : (
                <FulfilForm
                  orderId={order.id}
                  requestKey={requestKey("fulfil")}
                  lines={(canShip ? unfulfilled : []).map((line) => ({
                    id: line.id,
                    title: line.variantTitle ? `${line.title} · ${line.variantTitle}` : line.title,
                    sku: line.sku,
                    remaining: line.remainingQuantity,
                  }))}
                  carriers={CARRIERS.map((carrier) => ({ code: carrier.code, name: carrier.name }))}
                />
              )}
            </Card>
          ) : null}

          <Card
            title="Shipments"
            actions={onTheWay.length > 1 ? <DeliverForm orderId={order.id} label="Mark all delivered" /> : null}
          >
            {order.shipments.length === 0 ? (
              <p className="text-sm text-zinc-600">Nothing has shipped yet.</p>
            ) : (
              <ul className="flex flex-col gap-3">
                {order.shipments.map((shipment) => (
                  <li
                    key={shipment.id}
                    className="rounded-md border border-zinc-200 p-3 text-sm"
                    data-testid="admin-shipment"
                  >
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <p>
                        <strong>{shipment.carrier}</strong>{" "}
                        {isSafeTrackingUrl(shipment.trackingUrl) ? (
                          <a
                            href={shipment.trackingUrl}
                            target="_blank"
                            rel="noopener noreferrer"
                            className="font-mono underline"
                          >
                            {shipment.trackingNumber}
                          </a>
                        ) : (
                          <span className="font-mono">{shipment.trackingNumber}</span>
                        )}
                      </p>
                      <Badge tone={shipment.status === "DELIVERED" ? "good" : "info"}>
                        {shipment.status === "DELIVERED" ? "Delivered" : "On its way"}
                      </Badge>
                    </div>
                    <p className="text-xs text-zinc-500">
                      Shipped <Time date={shipment.shippedAt} />
                      {shipment.deliveredAt ? (
                        <>
                          {" "}
                          · delivered <Time date={shipment.deliveredAt} />
                        </>
                      ) : null}
                    </p>
                    <ul className="mt-1 text-zinc-700">
                      {shipment.lines.map((line) => (
                        <li key={line.id}>
                          {line.orderLine.title}
                          {line.orderLine.variantTitle ? ` · ${line.orderLine.variantTitle}` : ""} × {line.quantity}
                        </li>
                      ))}
                    </ul>
                    {shipment.status === "SHIPPED" ? (
                      <div className="mt-2">
                        <DeliverForm orderId={order.id} shipmentId={shipment.id} label="Mark delivered" />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <PaymentsCard order={order} />

          {showRefund ? (
            <Card title="Refund">
              <RefundForm
                orderId={order.id}
                requestKey={requestKey("refund")}
                refundable={order.refundableCents > 0 ? money(order.refundableCents) : null}
                limitText={
                  limits
                    ? `${money(limits.perOrderCents)} on one order (all its refunds together) and ${money(limits.perDayCents)} a day`
                    : null
                }
                reasons={Object.entries(REFUND_REASONS).map(([code, label]) => ({ code, label }))}
              />
            </Card>
          ) : null}

          <TimelineCard order={order} />
          <AuditCard order={order} />
        </div>

        <div className="flex flex-col gap-6">
          <Card title="Customer">
            <p className="text-sm">{order.email}</p>
            <p className="mt-1 text-xs text-zinc-500">
              {order.user ? `Account: ${order.user.name ?? order.user.email}` : "Guest checkout"}
            </p>
          </Card>
          <Card title="Shipping address">
            <address className="text-sm not-italic text-zinc-700">
              {addressLines(order.shippingAddress).map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
            <p className="mt-2 text-xs text-zinc-500">Method: {order.shippingMethodName}</p>
          </Card>
          {order.billingAddress ? (
            <Card title="Billing address">
              <address className="text-sm not-italic text-zinc-700">
                {addressLines(order.billingAddress).map((line) => (
                  <span key={line} className="block">
                    {line}
                  </span>
                ))}
              </address>
            </Card>
          ) : null}
          {showCancel ? (
            <Card title="Cancel order">
              <CancelForm
                orderId={order.id}
                requestKey={requestKey("cancel")}
                cancelled={order.status === "CANCELLED"}
                consequence={
                  order.status === "PENDING_PAYMENT"
                    ? "The items held for this order go back on sale and its open payment is closed. Nothing was charged."
                    : order.refundableCents > 0
                      ? `The items go back in stock and ${money(order.refundableCents)} is refunded to the shopper.`
                      : "The items go back in stock. Nothing is left to refund."
                }
              />
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function LinesCard({ order }: { order: AdminOrderDetail }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const totals: [string, number][] = [
    ["Subtotal", order.subtotalCents],
    ...(order.discountCents > 0
      ? ([[`Discount${order.couponCode ? ` (${order.couponCode})` : ""}`, -order.discountCents]] as [string, number][])
      : []),
    [`Shipping (${order.shippingMethodName})`, order.shippingCents],
    ["Tax", order.taxCents],
  ];
  return (
    <Card title="Items">
      <DataTable caption="Items of this order">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="text-right">
              Ordered
            </th>
            <th scope="col" className="text-right">
              Shipped
            </th>
            <th scope="col" className="text-right">
              Unit
            </th>
            <th scope="col" className="text-right">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.title}
                {line.variantTitle ? <span className="text-zinc-600"> · {line.variantTitle}</span> : null}
                <span className="block text-xs text-zinc-500">SKU {line.sku}</span>
              </td>
              <td className="text-right tabular-nums">{line.quantity}</td>
              <td className="text-right tabular-nums" data-testid="fulfilled-quantity">
                {line.fulfilledQuantity === line.quantity ? (
                  <Badge tone="good">{line.fulfilledQuantity}</Badge>
                ) : (
                  line.fulfilledQuantity
                )}
              </td>
              <td className="text-right tabular-nums">{money(line.unitPriceCents)}</td>
              <td className="text-right tabular-nums">{money(line.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <dl className="mt-4 ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
        {totals.map(([label, cents]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd className="text-right tabular-nums">{cents < 0 ? `−${money(-cents)}` : money(cents)}</dd>
          </div>
        ))}
        <dt className="font-semibold">Total</dt>
        <dd className="text-right font-semibold tabular-nums">{money(order.totalCents)}</dd>
        {order.refundedCents > 0 ? (
          <>
            <dt>Refunded</dt>
            <dd className="text-right tabular-nums">−{money(order.refundedCents)}</dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}

const REFUND_TONES = { PENDING: "warn", SUCCEEDED: "good", FAILED: "bad" } as const;
const PAYMENT_TONES = {
  PENDING: "warn",
  SUCCEEDED: "good",
  FAILED: "bad",
  CANCELLED: "neutral",
  EXPIRED: "neutral",
} as const;

function PaymentsCard({ order }: { order: AdminOrderDetail }) {
  const money = (cents: number, currency = order.currency) => formatMoney(cents, currency);
  return (
    <Card title="Payments and refunds">
      {order.payments.length === 0 ? (
        <p className="text-sm text-zinc-600">No payment has been started.</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm">
          {order.payments.map((payment) => (
            <li key={payment.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                {payment.provider === "STRIPE" ? "Stripe" : "Test provider"} ·{" "}
                {money(payment.amountCents, payment.currency)}
                <span className="block font-mono text-xs text-zinc-500">
                  {payment.paymentIntentRef ?? payment.providerRef}
                </span>
              </span>
              <span className="flex items-center gap-2">
                <Badge tone={PAYMENT_TONES[payment.status]}>{payment.status.toLowerCase()}</Badge>
                <span className="text-xs text-zinc-500">
                  <Time date={payment.createdAt} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {order.refunds.length > 0 ? (
        <>
          <h3 className="mt-4 mb-2 text-sm font-semibold">Refunds</h3>
          <ul className="flex flex-col gap-2 text-sm" data-testid="refunds">
            {order.refunds.map((refund) => (
              <li key={refund.id} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {money(refund.amountCents, refund.currency)}
                  {refund.reason ? <span className="text-zinc-600"> · {refund.reason}</span> : null}
                  <span className="block text-xs text-zinc-500">
                    {refund.createdBy ? `by ${refund.createdBy.name ?? refund.createdBy.email}` : "automatic"} ·{" "}
                    <Time date={refund.createdAt} />
                  </span>
                </span>
                <Badge tone={REFUND_TONES[refund.status]}>
                  {isRefundStuck(refund) ? "stuck" : refund.status.toLowerCase()}
                </Badge>
                <RefundState refund={refund} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-3 text-xs text-zinc-500">Refundable now: {money(order.refundableCents)}</p>
    </Card>
  );
}

/** Where the money of one refund is, in a sentence for the seller. */
function RefundState({ refund }: { refund: AdminOrderDetail["refunds"][number] }) {
  const stuck = isRefundStuck(refund);
  if (refund.status === "SUCCEEDED") return null;
  if (refund.status === "FAILED") {
    return (
      <p className="w-full text-xs text-red-700" data-testid="refund-failed">
        The payment provider refused or failed this refund: the money did not reach the shopper, and the amount can be
        refunded again.
      </p>
    );
  }
  return (
    <p
      className={`w-full text-xs ${stuck ? "font-semibold text-red-700" : "text-amber-800"}`}
      data-testid={stuck ? "refund-stuck" : "refund-pending"}
    >
      {stuck
        ? `Stuck: no final answer from the payment provider after ${REFUND_STUCK_AFTER_MINUTES} minutes. The amount is held by this refund (it cannot be refunded twice) and the store keeps asking the provider.`
        : "Waiting for the payment provider's answer. The amount is held by this refund."}
      {refund.attempts > 0 ? ` Attempts: ${refund.attempts}.` : ""}
      {refund.lastError ? ` Last error: ${refund.lastError}.` : ""}
      {refund.nextAttemptAt ? (
        <>
          {" "}
          Next attempt: <Time date={refund.nextAttemptAt} />.
        </>
      ) : null}
    </p>
  );
}

function TimelineCard({ order }: { order: AdminOrderDetail }) {
  return (
    <Card title="Timeline">
      {order.events.length === 0 ? (
        <EmptyState title="No events yet" />
      ) : (
        <ol className="border-l border-zinc-300 pl-4" data-testid="admin-timeline">
          {order.events.map((event) => (
            <li key={event.id} className="mb-3 text-sm">
              <span className="block text-xs text-zinc-500">
                <Time date={event.createdAt} /> · {event.public ? "shown to the shopper" : "internal"}
              </span>
              {event.message}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function AuditCard({ order }: { order: AdminOrderDetail }) {
  return (
    <Card title="Audit trail">
      {order.audit.length === 0 ? (
        <p className="text-sm text-zinc-600">No staff changes yet.</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm" data-testid="audit-trail">
          {order.audit.map((entry) => (
            <li key={entry.id}>
              <span className="font-medium">{entry.action}</span> by{" "}
              {entry.actor?.name ?? entry.actor?.email ?? "a deleted user"}
              <span className="block text-xs text-zinc-500">
                <Time date={entry.createdAt} />
              </span>
              {entry.data ? (
                <code className="mt-1 block max-w-full overflow-x-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-1 text-xs text-zinc-700">
                  {JSON.stringify(entry.data).slice(0, 600)}
                </code>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
