// The facet sidebar: one GET form with real checkboxes and radios (ticking one submits it, see
// AutoSubmit), so the URL carries the whole state and the back button steps through filter changes.
import Form from "next/form";
import Link from "next/link";
import { hasFilters, NO_FILTERS, type SearchRequest } from "@/lib/search/params";
import type { FacetGroup } from "@/lib/search/types";
import { searchHref } from "@/lib/search/url";
import { AutoSubmit } from "./auto-submit";
import { HiddenState } from "./hidden-state";

// Styled by the .facet classes of app/globals.css: a sidebar has dozens of options, each with the same
// classes, which would otherwise be repeated in the HTML and again in the RSC payload.
function Group({ group }: { group: FacetGroup }) {
  if (group.options.length === 0) return null;
  // Shades are many and the colour families cover them: tucked away unless one is ticked.
  if (group.key === "colour") {
    return (
      <details open={group.options.some((option) => option.selected)} className="facet-details">
        <summary className="facet-legend">{group.label}</summary>
        <Options group={group} />
      </details>
    );
  }
  return <Options group={group} />;
}

function Options({ group }: { group: FacetGroup }) {
  const name = group.key;
  // The input inside its label names it (no id/for pair): a sidebar has dozens of options, each sent in
  // the HTML and again in the RSC payload.
  return (
    <fieldset className="facet-group" data-testid={`facet-${group.key}`}>
      <legend className="facet-legend">{group.label}</legend>
      {group.options.map((option) => {
        const empty = option.count === 0 && !option.selected;
        return (
          <label
            key={option.value}
            className={empty ? "facet-option empty" : "facet-option"}
            style={option.depth > 0 ? { paddingLeft: `${option.depth}rem` } : undefined}
          >
            <input
              type={group.multiple ? "checkbox" : name === "rating" ? "radio" : "checkbox"}
              name={name}
              value={option.value}
              defaultChecked={option.selected}
              disabled={empty}
            />
            {option.swatch ? (
              <i aria-hidden="true" className="swatch" style={{ backgroundColor: option.swatch }} />
            ) : null}
            <span>{option.label}</span>
            {option.count === null ? null : <span className="facet-count">{option.count}</span>}
          </label>
        );
      })}
    </fieldset>
  );
}

export function FacetSidebar({
  request,
  groups,
  basePath,
}: {
  request: SearchRequest;
  groups: FacetGroup[];
  basePath: string;
}) {
  const filtered = hasFilters(request);
  return (
    <aside aria-label="Filters" className="flex flex-col gap-4">
      <div className="flex items-center justify-between">
        <h2 className="text-base font-semibold">Filters</h2>
        {filtered ? (
          <Link
            href={searchHref(request, NO_FILTERS, basePath)}
            className="text-sm text-zinc-600 underline hover:text-zinc-900"
          >
            Clear all
          </Link>
        ) : null}
      </div>
      {/* key: a new URL renders fresh defaultChecked values (back button restores the boxes too). */}
      {/* Groups out of view are not laid out or painted until scrolled to (on a phone most of them). */}
      <Form
        key={searchHref(request, {}, basePath)}
        action={basePath}
        scroll={false}
        className="flex flex-col gap-4 [&>:is(fieldset,details)]:[contain-intrinsic-size:auto_10rem] [&>:is(fieldset,details)]:[content-visibility:auto]"
      >
        <HiddenState
          request={request}
          omit={["category", "brand", "price", "rating", "colourFamily", "colour", "size", "audience", "inStock"]}
        />
        {groups.map((group) => (
          <Group key={group.key} group={group} />
        ))}
        {request.rating !== null ? (
          <Link href={searchHref(request, { rating: null }, basePath)} className="text-xs text-zinc-600 underline">
            Any rating
          </Link>
        ) : null}
        <AutoSubmit label="Apply filters" />
      </Form>
    </aside>
  );
}
