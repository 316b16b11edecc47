"use client";

import { useMemo, useState } from "react";
import { decodeProductChoices, type ProductChoices } from "@/lib/catalog/product-choices";
import { galleryIndexForVariant } from "@/lib/catalog/variants";
import { useUrlVariantId, useVariantSelection, type VariantPick } from "./variant-selection";

interface GalleryProps {
  /** The images and variants, as the purchase panel gets them (the same object: sent once). */
  choices: ProductChoices;
  title: string;
}

/**
 * The main image plus a row of thumbnails; each thumbnail is a button that shows its image. The main image
 * follows the chosen variant: picking a colour shows the first image tagged with it (until the shopper
 * clicks a thumbnail). The cached HTML shows the first image; the URL's variant shows once the page has hydrated.
 */
export function Gallery({ choices, title }: GalleryProps) {
  const requestedId = useUrlVariantId();
  const { images, variants } = useMemo(() => decodeProductChoices(choices), [choices]);
  const { pick } = useVariantSelection();
  // A pick shows at once; the URL then follows it. When the URL changes (the pick landing, back/forward),
  // the URL's variant wins over any pick made before that change.
  const [urlSeen, setUrlSeen] = useState(requestedId);
  const [stalePick, setStalePick] = useState<VariantPick | null>(null);
  if (urlSeen !== requestedId) {
    setUrlSeen(requestedId);
    setStalePick(pick);
  }
  const variantId = pick && pick !== stalePick ? pick.variantId : requestedId;
  // A thumbnail the shopper clicked holds until the variant changes.
  const [chosen, setChosen] = useState<{ index: number; variantId: string | null } | null>(null);
  const chosenIndex = chosen?.variantId === variantId ? chosen.index : null;
  const index =
    chosenIndex ??
    galleryIndexForVariant(
      images,
      variants.find((variant) => variant.id === variantId),
    ) ??
    0;
  const current = images[index] ?? images[0];
  if (!current) {
    return (
      <div className="aspect-square w-full rounded-xl bg-zinc-100" role="img" aria-label={`No image of ${title}`} />
    );
  }
  return (
    <section aria-label="Product images" className="flex flex-col gap-4">
      <div className="overflow-hidden rounded-xl bg-zinc-100">
        {/* eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise */}
        <img
          src={current.url}
          alt={current.alt}
          width={current.width}
          height={current.height}
          fetchPriority="high"
          data-testid="gallery-main-image"
          className="aspect-square h-auto w-full object-cover"
        />
      </div>
      {images.length > 1 ? (
        <ul className="thumbnails">
          {images.map((image, i) => (
            <li key={`${image.url}-${i}`}>
              <button
                type="button"
                onClick={() => setChosen({ index: i, variantId })}
                aria-label={`Show image ${i + 1} of ${images.length}: ${image.alt}`}
                aria-pressed={i === index}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise */}
                <img src={image.url} alt="" width={image.width} height={image.height} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
