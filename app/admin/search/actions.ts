"use server";

import { revalidatePath } from "next/cache";
import { prisma } from "@/lib/db";
import { failure, formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAdminAction } from "@/lib/auth/guard";
import {
  colourFamilyInput,
  createSynonymGroup,
  deleteSynonymGroup,
  deleteSynonymGroupInput,
  setColourFamily,
  synonymGroupInput,
  updateSynonymGroup,
  updateSynonymGroupInput,
} from "@/lib/search/tuning";

const PAGE = "/admin/search";

export async function createSynonymGroupAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const auth = await authorizeAdminAction("ADMIN");
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = synonymGroupInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    await createSynonymGroup(prisma, auth.user, parsed.data);
    revalidatePath(PAGE);
    return ok(undefined);
  } catch (error) {
    return failure(error, "admin.search.createSynonymGroup", values);
  }
}

export async function updateSynonymGroupAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const auth = await authorizeAdminAction("ADMIN");
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = updateSynonymGroupInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    await updateSynonymGroup(prisma, auth.user, parsed.data);
    revalidatePath(PAGE);
    return ok(undefined);
  } catch (error) {
    return failure(error, "admin.search.updateSynonymGroup", values);
  }
}

export async function deleteSynonymGroupAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const auth = await authorizeAdminAction("ADMIN");
  if (!auth.ok) return auth.result;
  const parsed = deleteSynonymGroupInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await deleteSynonymGroup(prisma, auth.user, parsed.data);
    revalidatePath(PAGE);
    return ok(undefined);
  } catch (error) {
    return failure(error, "admin.search.deleteSynonymGroup");
  }
}

export async function setColourFamilyAction(
  _previous: ActionResult<{ reindexed: number }> | null,
  formData: FormData,
): Promise<ActionResult<{ reindexed: number }>> {
  const auth = await authorizeAdminAction("ADMIN");
  if (!auth.ok) return auth.result;
  const parsed = colourFamilyInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const result = await setColourFamily(prisma, auth.user, parsed.data);
    revalidatePath(PAGE);
    return ok(result);
  } catch (error) {
    return failure(error, "admin.search.setColourFamily");
  }
}
