// The category tree (lib/settings/categories.ts): create, rename, move, reorder, delete when empty.
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { listCategoryTreeForAdmin } from "@/lib/settings/categories";
import { Card, DataTable } from "@/components/admin/ui";
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
  const user = await requireAdminPage("STAFF", "/admin/settings/categories");
  const canEdit = hasRole(user.role, "ADMIN");
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
    >
      {canEdit ? (
        <Card title="New category">
          <SettingsForm
            label="New category"
            testId="new-category"
            action={createCategoryAction}
            submitLabel="Create category"
            successMessage="Category created."
            fields={[
              { name: "name", label: "Name", required: true },
              { name: "slug", label: "Slug", hint: "Empty: made from the name" },
              { name: "parentId", label: "Parent", type: "select", options: parentOptions },
              ...seoFields,
            ]}
          />
        </Card>
      ) : null}
      <DataTable caption="Categories">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Slug</th>
            <th scope="col">Products</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((category) => (
            <tr key={category.id} data-category={category.slug}>
              <td style={{ paddingLeft: `${0.75 + category.depth * 1.25}rem` }} className="font-medium">
                {category.name}
              </td>
              <td className="font-mono text-xs">{category.slug}</td>
              <td className="tabular-nums">{category.productCount}</td>
              <td>
                <details>
                  <summary className="cursor-pointer text-sm underline">{canEdit ? "Edit" : "Details"}</summary>
                  <div className="mt-3 flex flex-col gap-4">
                    <SettingsForm
                      label={`Edit ${category.name}`}
                      action={updateCategoryAction}
                      readOnly={!canEdit}
                      submitLabel="Save category"
                      values={{
                        id: category.id,
                        name: category.name,
                        slug: category.slug,
                        seoTitle: category.seoTitle ?? "",
                        seoDescription: category.seoDescription ?? "",
                      }}
                      fields={[
                        { name: "id", label: "", type: "hidden" },
                        { name: "name", label: "Name", required: true },
                        { name: "slug", label: "Slug", required: true },
                        ...seoFields,
                      ]}
                    />
                    {canEdit ? (
                      <>
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
                        <div className="flex flex-wrap gap-2">
                          {(["up", "down"] as const).map((direction) => (
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
                          <SettingsForm
                            inline
                            label={`Delete ${category.name}`}
                            action={deleteCategoryAction}
                            submitLabel="Delete"
                            successMessage="Deleted."
                            tone="danger"
                            values={{ id: category.id }}
                            fields={[{ name: "id", label: "", type: "hidden" }]}
                          />
                        </div>
                      </>
                    ) : null}
                  </div>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </SettingsShell>
  );
}
