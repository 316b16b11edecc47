// The category tree (lib/settings/categories.ts): create, rename, move, reorder, delete when empty.
import type { Metadata } from "next";
import { requireAdminSettingsPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { listCategoryTreeForAdmin } from "@/lib/settings/categories";
import { DataTable, TableHead } from "@/components/admin/ui";
import { RecordChanges, seoRecordValues } from "@/components/admin/settings/record-changes";
import { SettingsForm, type SettingsField } from "@/components/admin/settings/settings-form";
import { SettingsShell } from "@/components/admin/settings/settings-shell";
import {
  createCategoryAction,
  deleteCategoryAction,
  moveCategoryAction,
  reorderCategoryAction,
  updateCategoryAction,
} from "../actions";

export const metadata: Metadata = { title: "Categories" };

const seoFields: SettingsField[] = [
  { name: "seoTitle", label: "SEO title", hint: "At most 70 characters; empty: the name" },
  { name: "seoDescription", label: "SEO description", type: "textarea", wide: true, hint: "At most 160 characters" },
];

export default async function CategoriesSettingsPage() {
  const { canEdit } = await requireAdminSettingsPage("/admin/settings/categories");
  const categories = await listCategoryTreeForAdmin(prisma);
  const parentOptions = [
    { value: "", label: "(top level)" },
    ...categories.map((category) => ({ value: category.id, label: `${"– ".repeat(category.depth)}${category.name}` })),
  ];
  return (
    <SettingsShell
      title="Categories"
      description="The storefront's category tree. A change shows on the storefront at once and updates the search results of the products it touches. A category can be deleted once it has no products and no subcategories."
      canEdit={canEdit}
      create={{
        title: "New category",
        label: "New category",
        testId: "new-category",
        action: createCategoryAction,
        submitLabel: "Create category",
        successMessage: "Category created.",
        fields: [
          { name: "name", label: "Name", required: true },
          { name: "slug", label: "Slug", hint: "Empty: made from the name" },
          { name: "parentId", label: "Parent", type: "select", options: parentOptions },
          ...seoFields,
        ],
      }}
    >
      <DataTable caption="Categories">
        <TableHead columns={["Category", "Slug", "Products", "Changes"]} />
        <tbody>
          {categories.map((category) => (
            <tr key={category.id} data-category={category.slug}>
              <td style={{ paddingLeft: `${0.75 + category.depth * 1.25}rem` }} className="font-medium">
                {category.name}
              </td>
              <td className="font-mono text-xs">{category.slug}</td>
              <td className="tabular-nums">{category.productCount}</td>
              <td>
                <RecordChanges
                  id={category.id}
                  name={category.name}
                  canEdit={canEdit}
                  edit={{
                    action: updateCategoryAction,
                    submitLabel: "Save category",
                    values: seoRecordValues(category),
                    fields: [
                      { name: "name", label: "Name", required: true },
                      { name: "slug", label: "Slug", required: true },
                      ...seoFields,
                    ],
                  }}
                  deleteAction={deleteCategoryAction}
                  adminForms={
                    <SettingsForm
                      label={`Move ${category.name}`}
                      action={moveCategoryAction}
                      submitLabel="Move"
                      successMessage="Moved."
                      tone="secondary"
                      values={{ id: category.id, parentId: category.parentId ?? "" }}
                      fields={[
                        { name: "id", label: "", type: "hidden" },
                        { name: "parentId", label: "Parent", type: "select", options: parentOptions },
                      ]}
                    />
                  }
                  inlineActions={(["up", "down"] as const).map((direction) => (
                    <SettingsForm
                      key={direction}
                      inline
                      label={`Move ${category.name} ${direction}`}
                      action={reorderCategoryAction}
                      submitLabel={direction === "up" ? "Move up" : "Move down"}
                      successMessage="Reordered."
                      tone="secondary"
                      values={{ id: category.id, direction }}
                      fields={[
                        { name: "id", label: "", type: "hidden" },
                        { name: "direction", label: "", type: "hidden" },
                      ]}
                    />
                  ))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </SettingsShell>
  );
}
