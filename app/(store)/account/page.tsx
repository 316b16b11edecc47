import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { prisma } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/session";
import { isStaff } from "@/lib/auth/roles";
import { signInPath } from "@/lib/auth/guard";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { listAccountOrders } from "@/lib/orders/account-orders";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutEverywhereButton } from "@/components/account/sign-out-everywhere-button";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { AddressBook } from "@/components/account/address-book";
import { WishlistItems } from "@/components/wishlist/wishlist-items";
import { getWishlistView } from "@/lib/wishlist/wishlist";
import { moveWishlistItemToCartAction, removeFromWishlistAction } from "@/app/(store)/wishlist/actions";
import { listAddresses, MAX_ADDRESSES } from "@/lib/account/addresses";
import { CHECKOUT_COUNTRIES, countryName } from "@/lib/cart/countries";
import {
  changePasswordAction,
  deleteAccountAddressAction,
  saveAccountAddressAction,
  setDefaultAccountAddressAction,
  signOutEverywhereAction,
} from "@/app/(store)/account/actions";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

const addressBookActions = {
  save: saveAccountAddressAction,
  remove: deleteAccountAddressAction,
  makeDefault: setDefaultAccountAddressAction,
};

const wishlistActions = { moveToCart: moveWishlistItemToCartAction, remove: removeFromWishlistAction };

const STATUS_LABEL: Record<string, string> = {
  PENDING_PAYMENT: "Awaiting payment",
  PAYMENT_FAILED: "Payment failed",
  PAID: "Paid",
  PARTIALLY_FULFILLED: "Partly shipped",
  FULFILLED: "Shipped",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
};

async function Account() {
  const formatMoney = await getStoreMoneyFormatter();
  const user = await getSessionUser();
  if (!user) redirect(signInPath("/account"));
  const addresses = await listAddresses(prisma, user.id);
  const countries = CHECKOUT_COUNTRIES.map((code) => ({ code, name: countryName(code) }));
  const orders = await listAccountOrders(prisma, user.id);
  const wishlist = await getWishlistView(prisma, { userId: user.id, guestWishlistId: undefined });
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Your account</h1>
          <p className="mt-1 text-sm text-zinc-600" data-testid="account-email">
            Signed in as {user.email}
          </p>
        </div>
        <div className="flex items-center gap-4">
          {isStaff(user.role) ? (
            <Link
              href="/admin"
              className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-800"
            >
              Store admin
            </Link>
          ) : null}
          <SignOutButton />
        </div>
      </div>

      <section aria-labelledby="orders-heading" className="flex flex-col gap-3">
        <h2 id="orders-heading" className="text-lg font-semibold">
          Orders
        </h2>
        {orders.length === 0 ? (
          <p className="text-sm text-zinc-600">
            No orders yet.{" "}
            <Link href="/" className="underline">
              Start shopping
            </Link>
            .
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200">
            {orders.map((order) => (
              <li key={order.id}>
                <Link
                  href={`/orders/${order.id}`}
                  className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-zinc-50"
                >
                  <span className="font-medium">Order #{order.number}</span>
                  <span className="text-sm text-zinc-600">{order.createdAt.toISOString().slice(0, 10)}</span>
                  <span className="text-sm">{STATUS_LABEL[order.status] ?? order.status}</span>
                  <span className="font-medium">{formatMoney(order.totalCents, order.currency)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="wishlist-heading" className="flex flex-col gap-3">
        <h2 id="wishlist-heading" className="text-lg font-semibold">
          Wishlist
        </h2>
        <WishlistItems items={wishlist} actions={wishlistActions} />
      </section>

      <section aria-labelledby="addresses-heading" className="flex flex-col gap-3">
        <h2 id="addresses-heading" className="text-lg font-semibold">
          Addresses
        </h2>
        <AddressBook addresses={addresses} countries={countries} max={MAX_ADDRESSES} actions={addressBookActions} />
      </section>

      <section aria-labelledby="password-heading" className="flex flex-col gap-3">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change password
        </h2>
        <p className="text-sm text-zinc-600">Changing your password signs you out on every device.</p>
        <ChangePasswordForm changePassword={changePasswordAction} />
      </section>

      <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Sessions
        </h2>
        <p className="text-sm text-zinc-600">
          Lost a device or signed in on a shared computer? End every session at once.
        </p>
        <SignOutEverywhereButton signOutEverywhere={signOutEverywhereAction} />
      </section>
    </>
  );
}

export default function AccountPage() {
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-10 px-4 py-12">
      <Suspense fallback={<div className="h-96 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
        <Account />
      </Suspense>
    </div>
  );
}
