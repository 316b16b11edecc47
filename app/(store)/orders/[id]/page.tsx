import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Fragment, Suspense } from "react";
import { CartSync } from "@/components/cart/cart-sync";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { PostalAddress } from "@/components/ui/postal-address";
import { ShipmentLines, TrackingNumber } from "@/components/orders/shipment-details";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { canOpenOrder, keyParam } from "@/lib/orders/access";
import { displayOrderStatus } from "@/lib/orders/display-status";
import { discountLines, shippingLabel } from "@/lib/orders/total-lines";
import { getOrderForShopper } from "@/lib/orders/lookup";
import { listOrderReturns, returnFormLines } from "@/lib/orders/returns-queries";
import { RETURN_REASONS, RETURN_STATUS_LABELS } from "@/lib/orders/returns-rules";
import { ReturnRequestForm } from "@/components/orders/return-request-form";
import { PayDifferenceForm } from "@/components/orders/pay-difference-form";
import { awaitsDifference } from "@/lib/payments/payable-difference";
import { payExchangeDifferenceAction, requestReturnAction } from "./actions";
import { randomUUID } from "node:crypto";

// The URL carries the order's access key: no Referer may repeat it to another site (the
// Referrer-Policy header is set for these paths in next.config.ts; the meta tag says the same).
export const metadata: Metadata = { title: "Your order", robots: { index: false }, referrer: "no-referrer" };

interface OrderPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const STATUS_TEXT: Record<string, string> = {
  PENDING_PAYMENT: "Waiting for payment",
  PAYMENT_FAILED: "Payment failed",
  PAID: "Paid — being prepared",
  PARTIALLY_FULFILLED: "Partly shipped",
  FULFILLED: "Shipped",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
};

// Opens only through one of the order's access links (/orders/<id>?key=..., from the redirect after
// payment, an order email or the lookup form) or for the signed-in account that placed it
// (lib/orders/access.ts). Anything else is the same 404 as an unknown order, answered with HTTP 404 by
// proxy.ts before this page streams; the check below repeats it (the page is the rule, the proxy gives
// the status). Never cached: status changes as the order moves.
export default function OrderPage({ params, searchParams }: OrderPageProps) {
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <Suspense fallback={<div aria-busy="true" className="h-96 animate-pulse rounded-lg bg-zinc-100" />}>
        <OrderDetails params={params} searchParams={searchParams} />
      </Suspense>
    </div>
  );
}

async function OrderDetails({ params, searchParams }: OrderPageProps) {
  const formatMoney = await getStoreMoneyFormatter();
  const { id } = await params;
  const key = keyParam((await searchParams).key);
  const user = await getSessionUser();
  if (!(await canOpenOrder(prisma, { orderId: id, key, viewer: user ? { userId: user.id } : null }))) notFound();
  const order = await getOrderForShopper(prisma, id);
  if (!order) notFound();
  const money = (cents: number) => formatMoney(cents, order.currency);
  const status = displayOrderStatus(order.status, order.paymentStatus);
  const paid =
    order.paymentStatus === "PAID" ||
    order.paymentStatus === "PARTIALLY_REFUNDED" ||
    order.paymentStatus === "REFUNDED";
  return (
    <article className="flex flex-col gap-8">
      {/* Paying emptied the cart: the header's count and the drawer follow without a reload. */}
      <CartSync version={`${order.id}:${order.paymentStatus}`} />
      <header>
        <h1 className="text-3xl font-bold tracking-tight">{paid ? "Thank you for your order!" : "Your order"}</h1>
        <p className="mt-2 text-lg">
          Order <strong data-testid="order-number">#{order.number}</strong> ·{" "}
          <span data-testid="order-status">{STATUS_TEXT[status] ?? status}</span>
        </p>
        {status === "PAYMENT_FAILED" ? (
          <p className="mt-2 text-zinc-600" data-testid="payment-failed-note">
            The payment did not go through and nothing was charged. The items are no longer held for you: return to your
            cart to check out again.
          </p>
        ) : null}
        {status === "PENDING_PAYMENT" ? (
          <p className="mt-2 text-zinc-600">
            We are waiting for the payment to be confirmed. This page updates when it is; reload it in a moment.
          </p>
        ) : null}
        <p className="mt-1 text-sm text-zinc-600">A confirmation is sent to {order.email}.</p>
      </header>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-2 text-lg font-semibold">
          Items
        </h2>
        <ul className="divide-y divide-zinc-200 border-y border-zinc-200">
          {order.lines.map((line) => (
            <li key={line.id} className="flex justify-between gap-4 py-3">
              <span>
                {line.title}
                {line.variantTitle ? <span className="text-zinc-600"> · {line.variantTitle}</span> : null}
                <span className="text-zinc-600"> × {line.quantity}</span>
                <span className="block text-xs text-zinc-500">SKU {line.sku}</span>
              </span>
              <span>{money(line.unitPriceCents * line.quantity)}</span>
            </li>
          ))}
        </ul>
        <dl className="mt-4 ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-y-1 text-sm">
          <dt>Subtotal</dt>
          <dd className="text-right">{money(order.subtotalCents)}</dd>
          {discountLines(order).map(([label, cents]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd className="text-right" data-testid="order-discount">
                −{money(-cents)}
              </dd>
            </Fragment>
          ))}
          <dt>{shippingLabel(order)}</dt>
          <dd className="text-right">{order.shippingCents === 0 ? "Free" : money(order.shippingCents)}</dd>
          <dt>Tax</dt>
          <dd className="text-right">{money(order.taxCents)}</dd>
          <dt className="font-semibold">Total</dt>
          <dd className="text-right font-semibold" data-testid="order-total">
            {money(order.totalCents)}
          </dd>
          {order.refundedCents > 0 ? (
            <>
              <dt>Refunded</dt>
              <dd className="text-right">−{money(order.refundedCents)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <div className="grid gap-8 sm:grid-cols-2">
        <section aria-labelledby="address-heading">
          <h2 id="address-heading" className="mb-2 text-lg font-semibold">
            Shipping address
          </h2>
          <PostalAddress address={order.shippingAddress} className="text-zinc-700" />
        </section>
        <section aria-labelledby="shipments-heading">
          <h2 id="shipments-heading" className="mb-2 text-lg font-semibold">
            Shipping
          </h2>
          <p className="text-zinc-700">{order.shippingMethodName}</p>
          {order.shipments.length > 0 ? (
            <ul className="mt-2 flex flex-col gap-3">
              {order.shipments.map((shipment) => (
                <li
                  key={shipment.id}
                  className="rounded-md border border-zinc-200 p-3 text-sm text-zinc-700"
                  data-testid="shipment"
                >
                  <p className="font-medium text-zinc-900" data-testid="shipment-status">
                    {shipment.status === "DELIVERED"
                      ? `Delivered${shipment.deliveredAt ? ` on ${shipment.deliveredAt.toUTCString().slice(0, 16)}` : ""}`
                      : `Shipped on ${shipment.shippedAt.toUTCString().slice(0, 16)}`}
                  </p>
                  <p>
                    {shipment.carrier} tracking <TrackingNumber shipment={shipment} />
                  </p>
                  <ShipmentLines lines={shipment.lines} className="mt-1 text-xs text-zinc-600" />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>

      <ReturnsSection orderId={order.id} currency={order.currency} accessKey={key} />

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="mb-2 text-lg font-semibold">
          Timeline
        </h2>
        <ol className="border-l border-zinc-300 pl-4" data-testid="timeline">
          {order.events.map((event) => (
            <li key={event.id} className="mb-3">
              <time dateTime={event.createdAt.toISOString()} className="block text-xs text-zinc-500">
                {event.createdAt.toUTCString()}
              </time>
              {event.message}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/**
 * The order's returns and, while something can still be returned (shipped, not already returned, within
 * the store's return window), the form to ask for one.
 */
async function ReturnsSection({
  orderId,
  currency,
  accessKey,
}: {
  orderId: string;
  currency: string;
  accessKey: string | null;
}) {
  const formatMoney = await getStoreMoneyFormatter();
  const [returns, lines] = await Promise.all([listOrderReturns(prisma, orderId), returnFormLines(prisma, orderId)]);
  if (returns.length === 0 && lines.length === 0) return null;
  return (
    <section aria-labelledby="returns-heading" className="flex flex-col gap-4">
      <h2 id="returns-heading" className="text-lg font-semibold">
        Returns and exchanges
      </h2>
      {returns.length > 0 ? (
        <ul className="flex flex-col gap-3">
          {returns.map((request) => (
            <li key={request.id} className="rounded-md border border-zinc-200 p-3 text-sm" data-testid="return">
              <p className="font-medium">
                Return of {request.createdAt.toUTCString().slice(0, 16)} ·{" "}
                <span data-testid="return-status">{RETURN_STATUS_LABELS[request.status]}</span>
              </p>
              <ul className="mt-1 text-zinc-700">
                {request.lines.map((line) => (
                  <li key={line.id}>
                    {line.orderLine.title}
                    {line.orderLine.variantTitle ? ` · ${line.orderLine.variantTitle}` : ""} × {line.quantity}
                    {line.exchangeVariant ? ` → exchange for ${line.exchangeVariant.title}` : ""}
                  </li>
                ))}
              </ul>
              {request.sellerMessage ? <p className="mt-1">Message from the store: {request.sellerMessage}</p> : null}
              {request.status !== "REJECTED" && awaitsDifference(request) && request.differenceDueBy! > new Date() ? (
                <PayDifferenceForm
                  action={payExchangeDifferenceAction}
                  orderId={orderId}
                  returnId={request.id}
                  accessKey={accessKey}
                  amount={formatMoney(request.differenceCents, currency)}
                  until={request.differenceDueBy!.toUTCString()}
                />
              ) : null}
              {request.differencePaidAt ? (
                <p className="mt-1" data-testid="return-difference-paid">
                  Exchange difference of {formatMoney(request.differenceCents, currency)} paid
                </p>
              ) : null}
              {request.refundCents ? (
                <p className="mt-1" data-testid="return-refund">
                  Refunded {formatMoney(request.refundCents, currency)}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {lines.length > 0 ? (
        <ReturnRequestForm
          action={requestReturnAction}
          orderId={orderId}
          accessKey={accessKey}
          requestKey={`return:${randomUUID()}`}
          reasons={RETURN_REASONS}
          lines={lines.map((line) => ({
            id: line.id,
            title: line.title,
            variantTitle: line.variantTitle,
            returnable: line.returnable,
            closes: line.closesAt ? line.closesAt.toUTCString().slice(0, 16) : "",
            exchanges: line.exchanges.map((variant) => ({
              id: variant.id,
              title: variant.title || variant.sku,
              price: formatMoney(variant.priceCents, currency),
            })),
          }))}
        />
      ) : null}
    </section>
  );
}
