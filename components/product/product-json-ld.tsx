"use client";

import { useMemo } from "react";
import { decodeProductChoices, type ProductChoices } from "@/lib/catalog/product-choices";
import { breadcrumbListJsonLd, productJsonLd, type ProductJsonLdHead } from "@/lib/catalog/structured-data";
import { JsonLd } from "../json-ld";

/**
 * The product page's schema.org blocks, its Product (rendered from the variant table the picker already
 * receives) and its BreadcrumbList: a server component's <script> would travel twice (in the HTML and
 * again, as a string, in the RSC payload). The availability is the cached page's snapshot (the indexes of
 * the variants sold out when it rendered).
 */
export function ProductJsonLd({
  head,
  choices,
  soldOut,
}: {
  head: ProductJsonLdHead;
  choices: ProductChoices;
  soldOut: number[];
}) {
  const data = useMemo(() => {
    const decoded = decodeProductChoices(choices);
    const availability = Object.fromEntries(
      decoded.variants.map((variant, index) => [variant.id, soldOut.includes(index) ? 0 : 1]),
    );
    return productJsonLd(head, decoded, availability);
  }, [head, choices, soldOut]);
  const breadcrumbs = useMemo(() => breadcrumbListJsonLd(head.trail, head.origin), [head]);
  return (
    <>
      <JsonLd data={breadcrumbs} />
      <JsonLd data={data} />
    </>
  );
}
