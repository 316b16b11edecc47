// Building blocks of admin pages, so every section looks and behaves the same.
import Link from "next/link";
import type { ReactNode, TdHTMLAttributes } from "react";

export function AdminPageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-zinc-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** The link from a detail page up to the list it belongs to ("Coupons", "Inventory"). */
export function ParentLink({ href, label }: { href: string; label: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link href={href} className="text-zinc-700 underline underline-offset-2 hover:text-zinc-900">
        {label}
      </Link>
    </nav>
  );
}

/** Under a settings form: when it was last saved (UTC), or that the store's defaults apply. */
export function LastSavedNote({ updatedAt }: { updatedAt: Date | null }) {
  return (
    <p className="mt-4 text-xs text-zinc-500">
      {updatedAt
        ? `Last saved ${updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`
        : "The store's defaults: not saved yet."}
    </p>
  );
}

export function Card({ title, children, actions }: { title?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm">
      {title || actions ? (
        <div className="mb-3 flex items-center justify-between gap-2">
          {title ? <h2 className="text-base font-semibold">{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

const badgeTones = {
  neutral: "bg-zinc-100 text-zinc-800",
  good: "bg-emerald-100 text-emerald-900",
  warn: "bg-amber-100 text-amber-900",
  bad: "bg-red-100 text-red-900",
  info: "bg-sky-100 text-sky-900",
} as const;

export function Badge({ tone = "neutral", children }: { tone?: keyof typeof badgeTones; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded px-2 py-0.5 text-xs font-semibold ${badgeTones[tone]}`}>
      {children}
    </span>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-10 text-center">
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-2 text-sm text-zinc-600">{children}</div> : null}
    </div>
  );
}

/** A table with a caption for screen readers; pass <TableHead> and <tbody> as children. */
export function DataTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_thead]:bg-zinc-50 [&_tbody_tr]:border-t [&_tbody_tr]:border-zinc-100">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** A column of TableHead: its label, or the label and how the column shows. */
export type TableColumn =
  | string
  | {
      label: string;
      /** A column of figures: heading aligned right, over NumberCells. */
      numeric?: boolean;
      /** Named for screen readers only (a column of buttons or thumbnails). */
      srOnly?: boolean;
      className?: string;
    };

/** The heading row of a DataTable: one `<th scope="col">` a column. */
export function TableHead({ columns, className }: { columns: TableColumn[]; className?: string }) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((column) => {
          const {
            label,
            numeric,
            srOnly,
            className: columnClass,
          } = typeof column === "string" ? { label: column } : column;
          const classes = [numeric ? "text-right" : "", columnClass ?? ""].filter(Boolean).join(" ");
          return (
            <th key={label} scope="col" className={classes || undefined}>
              {srOnly ? <span className="sr-only">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A cell of a figures column: aligned right, with digits of one width so the column lines up. */
export function NumberCell({ className, ...cell }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={className ? `text-right tabular-nums ${className}` : "text-right tabular-nums"} {...cell} />;
}

export const buttonClass = {
  primary:
    "inline-flex items-center justify-center rounded-md bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60",
  secondary:
    "inline-flex items-center justify-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60",
  danger:
    "inline-flex items-center justify-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60",
} as const;

/**
 * Previous/next pagination for list pages. `hrefFor(page)` builds the URL with the current filters kept.
 */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link className={buttonClass.secondary} href={hrefFor(page - 1)} rel="prev">
          Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-zinc-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className={buttonClass.secondary} href={hrefFor(page + 1)} rel="next">
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-56 rounded bg-zinc-200" />
      <div className="h-4 w-96 max-w-full rounded bg-zinc-200" />
      <div className="h-64 rounded-lg bg-zinc-200" />
    </div>
  );
}
