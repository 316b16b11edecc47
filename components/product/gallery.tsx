"use client";

import { useState } from "react";
import type { CatalogImage } from "@/lib/catalog/types";

/** The main image plus a row of thumbnails; each thumbnail is a button that shows its image. */
export function Gallery({ images, title }: { images: CatalogImage[]; title: string }) {
  const [index, setIndex] = useState(0);
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
          className="aspect-square h-auto w-full object-cover"
        />
      </div>
      {images.length > 1 ? (
        <ul className="grid grid-cols-5 gap-3">
          {images.map((image, i) => (
            <li key={`${image.url}-${i}`}>
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-label={`Show image ${i + 1} of ${images.length}: ${image.alt}`}
                aria-pressed={i === index}
                className={`block w-full overflow-hidden rounded-md border-2 ${
                  i === index ? "border-zinc-900" : "border-transparent hover:border-zinc-300"
                }`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise */}
                <img
                  src={image.url}
                  alt=""
                  width={image.width}
                  height={image.height}
                  loading="lazy"
                  className="aspect-square h-auto w-full object-cover"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
