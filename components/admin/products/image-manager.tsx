"use client";
// A product's pictures: upload (to the route handler, which caps the body while reading it), alt text,
// order and removal (server actions). The server checks everything; the checks here only save a seller
// a pointless upload of a file that will be refused anyway.
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { FormError, FormSuccess, SubmitButton } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/form-action";
import { useFormAction } from "@/components/ui/use-form-action";
import type { AdminImageView } from "@/lib/catalog/admin/read";

/** The server actions of one product's images, handed down by the page. */
export interface ImageActions {
  updateAlt: FormAction<{ savedAt: number }>;
  move: FormAction<{ savedAt: number }>;
  remove: FormAction<{ savedAt: number }>;
}

const ACCEPT = "image/png,image/jpeg,image/webp,image/gif";
const smallButton =
  "rounded border border-zinc-300 bg-white px-2 py-1 text-xs font-medium hover:bg-zinc-100 focus-visible:outline-2 disabled:opacity-50";

function megabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

function UploadForm({ productId, maxBytes }: { productId: string; maxBytes: number }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) return setError("Choose an image file to upload.");
    if (file.size > maxBytes)
      return setError(`The image is ${megabytes(file.size)}; the limit is ${megabytes(maxBytes)}.`);
    setPending(true);
    try {
      const response = await fetch(`/api/admin/products/${encodeURIComponent(productId)}/images`, {
        method: "POST",
        body: data,
      });
      const body = (await response.json().catch(() => null)) as { ok?: boolean; error?: string } | null;
      if (!response.ok || !body?.ok) {
        setError(
          body?.error ??
            (response.status === 413
              ? `The image is too large; the limit is ${megabytes(maxBytes)}.`
              : "The upload failed. Please try again."),
        );
        return;
      }
      formRef.current?.reset();
      setMessage("Image added.");
      router.refresh();
    } catch {
      setError("The upload failed: check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      ref={formRef}
      onSubmit={(event) => void upload(event)}
      className="flex flex-col gap-3"
      aria-busy={pending}
      noValidate
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Image file</span>
          <input
            type="file"
            name="file"
            accept={ACCEPT}
            required
            aria-describedby="image-file-hint"
            className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-zinc-100 file:px-2 file:py-1 focus-visible:outline-2"
          />
          <span id="image-file-hint" className="text-xs text-zinc-500">
            PNG, JPEG, WebP or GIF, up to {megabytes(maxBytes)}.
          </span>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">
            Alt text <span className="font-normal text-zinc-500">(optional)</span>
          </span>
          <input
            name="alt"
            maxLength={300}
            placeholder="What the picture shows"
            className="rounded-md border border-zinc-300 px-3 py-2 text-base focus-visible:outline-2"
          />
        </label>
      </div>
      <div aria-live="polite">
        <FormError message={error} />
        <FormSuccess message={message} />
      </div>
      <div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60"
        >
          {pending ? "Uploading…" : "Upload image"}
        </button>
      </div>
    </form>
  );
}

/** An option value an image can show ("Colour: Navy"). */
export interface ImageTagChoice {
  id: string;
  label: string;
}

function ImageItem({
  productId,
  image,
  index,
  count,
  productTitle,
  actions,
  tagChoices,
}: {
  productId: string;
  image: AdminImageView;
  index: number;
  count: number;
  tagChoices: ImageTagChoice[];
  productTitle: string;
  actions: ImageActions;
}) {
  const {
    result: altResult,
    action: altAction,
    pending: altPending,
    failed: altFailed,
  } = useFormAction(actions.updateAlt);
  const { failed: moveFailed, action: moveAction, pending: movePending } = useFormAction(actions.move);
  const { failed: deleteFailed, action: deleteAction, pending: deletePending } = useFormAction(actions.remove);
  // A refused alt text is shown by its field; only then a refused move or removal here.
  const failure = altFailed ? null : (moveFailed ?? deleteFailed);
  const altError = altFailed ? (altFailed.fieldErrors?.alt ?? altFailed.error) : null;
  const busy = movePending || deletePending;

  return (
    <li className="flex flex-col gap-3 rounded-lg border border-zinc-200 p-3 sm:flex-row">
      {/* eslint-disable-next-line @next/next/no-img-element -- already-sized uploads served from /media */}
      <img
        src={image.url}
        alt={image.alt || `${productTitle}, image ${index + 1}`}
        width={image.width ?? 96}
        height={image.height ?? 96}
        loading="lazy"
        className="h-24 w-24 shrink-0 rounded bg-zinc-100 object-cover"
      />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <p className="text-xs text-zinc-500">
          {index === 0 ? <strong className="text-zinc-900">Main image · </strong> : null}
          {image.width && image.height ? `${image.width} × ${image.height}` : null}
        </p>
        <form action={altAction} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="productId" value={productId} />
          <input type="hidden" name="imageId" value={image.id} />
          <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
            <span className="font-medium">Alt text, image {index + 1}</span>
            <input
              name="alt"
              defaultValue={altFailed?.values?.alt ?? image.alt}
              maxLength={300}
              aria-invalid={altError ? true : undefined}
              aria-describedby={altError ? `alt-${image.id}-error` : undefined}
              className={`rounded-md border px-3 py-1.5 text-sm focus-visible:outline-2 ${altError ? "border-red-600" : "border-zinc-300"}`}
            />
          </label>
          {tagChoices.length > 0 ? (
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Shows, image {index + 1}</span>
              <select
                name="optionValueId"
                defaultValue={image.optionValueId ?? ""}
                className="rounded-md border border-zinc-300 px-2 py-1.5 text-sm focus-visible:outline-2"
              >
                <option value="">Any option</option>
                {tagChoices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <SubmitButton pending={altPending} pendingLabel="Saving…" className={smallButton}>
            Save
          </SubmitButton>
          {altResult?.ok ? (
            <span role="status" className="text-xs text-emerald-700">
              Saved
            </span>
          ) : null}
        </form>
        {altError ? (
          <p id={`alt-${image.id}-error`} role="alert" className="text-xs text-red-700">
            {altError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {(
            [
              ["first", "Make main image", index === 0],
              ["up", "Move up", index === 0],
              ["down", "Move down", index === count - 1],
            ] as const
          ).map(([direction, label, disabled]) => (
            <form key={direction} action={moveAction}>
              <input type="hidden" name="productId" value={productId} />
              <input type="hidden" name="imageId" value={image.id} />
              <input type="hidden" name="direction" value={direction} />
              <button type="submit" disabled={disabled || busy} className={smallButton}>
                {label}
                <span className="sr-only">: image {index + 1}</span>
              </button>
            </form>
          ))}
          <form
            action={deleteAction}
            onSubmit={(event) => {
              if (!window.confirm("Remove this image from the product?")) event.preventDefault();
            }}
          >
            <input type="hidden" name="productId" value={productId} />
            <input type="hidden" name="imageId" value={image.id} />
            <button type="submit" disabled={busy} className={`${smallButton} text-red-800`}>
              {deletePending ? "Removing…" : "Remove"}
              <span className="sr-only">: image {index + 1}</span>
            </button>
          </form>
        </div>
        {failure ? (
          <p role="alert" className="text-xs text-red-700">
            {failure.error}
          </p>
        ) : null}
      </div>
    </li>
  );
}

export function ImageManager({
  productId,
  productTitle,
  images,
  maxBytes,
  actions,
  tagChoices = [],
}: {
  productId: string;
  productTitle: string;
  images: AdminImageView[];
  maxBytes: number;
  actions: ImageActions;
  /** Option values an image can be tagged with: picking that value shows the image on the product page. */
  tagChoices?: ImageTagChoice[];
}) {
  return (
    <div className="flex flex-col gap-4">
      {images.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600">
          No images yet. The first image is the one shown on product cards and in search.
        </p>
      ) : (
        <ol className="flex flex-col gap-3" aria-label="Product images, in display order">
          {images.map((image, index) => (
            <ImageItem
              key={image.id}
              productId={productId}
              image={image}
              index={index}
              count={images.length}
              productTitle={productTitle}
              actions={actions}
              tagChoices={tagChoices}
            />
          ))}
        </ol>
      )}
      <UploadForm productId={productId} maxBytes={maxBytes} />
    </div>
  );
}
