import type { Metadata } from "next";
import { prisma } from "@/lib/db";
import { requireAdminSettingsPage } from "@/lib/auth/guard";
import { storeCurrency } from "@/lib/money";
import { getCurrencyDisplay } from "@/lib/settings/money-format";
import { describePart } from "@/lib/search/chips";
import { COLOUR_FAMILIES, colourFamily, familyOfColour } from "@/lib/search/colour-families";
import { buildLexicon } from "@/lib/search/lexicon";
import { normaliseQuery } from "@/lib/search/params";
import { listCatalogWords, listColourFamilies, listSynonymGroups } from "@/lib/search/tuning";
import { understandQuery } from "@/lib/search/understand";
import { loadSearchVocabulary } from "@/lib/search/vocabulary";
import { AdminPageHeader, Badge, Card, DataTable, EmptyState, buttonClass, TableHead } from "@/components/admin/ui";
import { ColourFamilyForm } from "@/components/admin/search/colour-family-form";
import { DeleteSynonymGroupForm, SynonymGroupForm } from "@/components/admin/search/synonym-forms";
import {
  createSynonymGroupAction,
  deleteSynonymGroupAction,
  setColourFamilyAction,
  updateSynonymGroupAction,
} from "./actions";

export const metadata: Metadata = { title: "Search" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FAMILY_CHOICES = COLOUR_FAMILIES.map((family) => ({ key: family.key, label: family.label }));

export default async function SearchTuningPage({ searchParams }: { searchParams: SearchParams }) {
  const { canEdit } = await requireAdminSettingsPage("/admin/search");
  const tried = (await searchParams).try;
  const tryQuery = normaliseQuery(typeof tried === "string" ? tried : undefined);

  const [groups, catalogWords, colours, vocabulary] = await Promise.all([
    listSynonymGroups(prisma),
    listCatalogWords(prisma),
    listColourFamilies(prisma),
    loadSearchVocabulary(prisma),
  ]);
  const categories = vocabulary.categories.map((category) => ({
    id: category.id,
    name: category.name,
    depth: category.depth,
  }));
  const understood = tryQuery ? understandQuery(tryQuery, buildLexicon(vocabulary)) : null;
  const money = { currency: storeCurrency(), display: await getCurrencyDisplay() };

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Search"
        description={
          canEdit
            ? "How the store reads shoppers' words. Changes reach the search engine within seconds, through the background worker."
            : "How the store reads shoppers' words. Only administrators can change it."
        }
      />

      <Card title="Try a query">
        <form method="get" className="flex flex-wrap items-end gap-3" role="search">
          <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm">
            <span className="font-medium">What a shopper types</span>
            <input
              name="try"
              defaultValue={tryQuery}
              placeholder="mens navy hoodie size L under 80"
              className="rounded-md border border-zinc-300 px-3 py-2"
            />
          </label>
          <button type="submit" className={buttonClass.secondary}>
            Read it
          </button>
        </form>
        {understood ? (
          <div className="mt-4 flex flex-col gap-2 text-sm" data-testid="tuning-understood">
            <p>
              Searched as text: <strong>{understood.text ? `“${understood.text}”` : "(nothing: filters only)"}</strong>
            </p>
            {understood.parts.length > 0 ? (
              <ul className="flex flex-wrap gap-2">
                {understood.parts.map((part) => (
                  <li key={part.kind}>
                    <Badge tone="info">{describePart(part, vocabulary, money)}</Badge>{" "}
                    <span className="text-zinc-500">from “{part.words}”</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-zinc-600">Nothing in it became a filter.</p>
            )}
            {understood.unknown.map((part) => (
              <p key={part.words} className="text-zinc-600">
                “{part.words}” reads as {describePart(part, vocabulary, money)}, which no product has: it is left out.
              </p>
            ))}
          </div>
        ) : null}
      </Card>

      <Card title="Synonyms">
        <p className="mb-4 text-sm text-zinc-600">
          Each group&apos;s words find one another. A group that names a category (chosen here, or found because a word
          is in the category&apos;s name) also narrows a query with one of its words to that category.
        </p>
        {groups.length === 0 ? (
          <EmptyState title="No synonym groups yet" />
        ) : (
          <DataTable caption="Synonym groups">
            <TableHead columns={["Words", "Category", ...(canEdit ? ["Delete"] : [])]} />
            <tbody>
              {groups.map((group) => (
                <tr key={group.id} data-testid="synonym-group">
                  <td>
                    {canEdit ? (
                      <SynonymGroupForm action={updateSynonymGroupAction} categories={categories} group={group} />
                    ) : (
                      group.terms.join(", ")
                    )}
                  </td>
                  <td>
                    {group.names.length > 0 ? group.names.map((name) => name.name).join(", ") : "—"}
                    {group.names.length > 0 && !group.categoryId ? (
                      <span className="text-zinc-500"> (found)</span>
                    ) : null}
                  </td>
                  {canEdit ? (
                    <td>
                      <DeleteSynonymGroupForm
                        action={deleteSynonymGroupAction}
                        groupId={group.id}
                        label={group.terms.join(", ")}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {canEdit ? (
          <div className="mt-4 border-t border-zinc-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold">Add a group</h3>
            <SynonymGroupForm action={createSynonymGroupAction} categories={categories} />
          </div>
        ) : null}
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-medium">From the catalog (not editable)</summary>
          <p className="mt-2 text-zinc-600">
            Each category&apos;s name gives it words, in the singular and the plural. Rename a category to change them.
          </p>
          <ul className="mt-2 flex flex-col gap-1">
            {catalogWords.map((entry) => (
              <li key={entry.category}>
                <strong>{entry.category}</strong>: {entry.words.join(", ")}
              </li>
            ))}
          </ul>
        </details>
      </Card>

      <Card title="Colour families">
        <p className="mb-4 text-sm text-zinc-600">
          Shoppers filter by a family (&ldquo;blue&rdquo;) rather than by every shade. A colour without a family chosen
          here takes the one its name says (&ldquo;Sky Blue&rdquo; is blue), if any. Changing one re-indexes the
          products sold in that colour.
        </p>
        {colours.length === 0 ? (
          <EmptyState title="No colours yet">Colours appear here once products have a Colour option.</EmptyState>
        ) : (
          <DataTable caption="Colour families">
            <TableHead columns={["Colour", "Products", "Family"]} />
            <tbody>
              {colours.map((row) => {
                const fromName = familyOfColour(row.colour, new Map());
                return (
                  <tr key={row.colour} data-testid="colour-family-row">
                    <td>{row.colour}</td>
                    <td>{row.products}</td>
                    <td>
                      {canEdit ? (
                        <ColourFamilyForm
                          action={setColourFamilyAction}
                          colour={row.colour}
                          family={row.source === "table" ? (row.family ?? "") : ""}
                          fromName={fromName ? (colourFamily(fromName)?.label ?? null) : null}
                          families={FAMILY_CHOICES}
                        />
                      ) : (
                        <>
                          {row.family ? (colourFamily(row.family)?.label ?? row.family) : "None"}{" "}
                          <span className="text-zinc-500">
                            ({row.source === "table" ? "chosen" : row.source === "name" ? "from its name" : "no family"}
                            )
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        )}
      </Card>
    </div>
  );
}
