import type { Metadata } from "next";
import { LookupForm } from "@/components/checkout/lookup-form";
import { lookupOrderAction } from "@/app/(store)/checkout/actions";

export const metadata: Metadata = { title: "Find your order", robots: { index: false } };

export default function OrderLookupPage() {
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="mb-2 text-3xl font-bold tracking-tight">Find your order</h1>
      <p className="mb-8 text-zinc-600">
        Enter the order number from your confirmation email and the email you ordered with.
      </p>
      <LookupForm lookUp={lookupOrderAction} />
    </div>
  );
}
