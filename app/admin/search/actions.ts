"use server";
// Search tuning from /admin/search: curated synonym groups and colour families, administrators only.
// Thin: the kit authorizes and parses the form with zod; lib/search/tuning.ts writes each change with its
// audit entry and the outbox event that carries it to the engine; the page is then refreshed.
import { defineAction } from "@/lib/actions/define-action";
import { saved } from "@/lib/actions/saved";
import { prisma } from "@/lib/db";
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

export const createSynonymGroupAction = defineAction(
  { role: "admin", input: synonymGroupInput, echo: true },
  async ({ input, user }) => {
    await createSynonymGroup(prisma, user, input);
    return saved({});
  },
);

export const updateSynonymGroupAction = defineAction(
  { role: "admin", input: updateSynonymGroupInput, echo: true },
  async ({ input, user }) => {
    await updateSynonymGroup(prisma, user, input);
    return saved({});
  },
);

export const deleteSynonymGroupAction = defineAction(
  { role: "admin", input: deleteSynonymGroupInput },
  async ({ input, user }) => {
    await deleteSynonymGroup(prisma, user, input);
    return saved({});
  },
);

/** Answers how many products were queued for re-indexing (those sold in that colour). */
export const setColourFamilyAction = defineAction(
  { role: "admin", input: colourFamilyInput },
  async ({ input, user }) => saved(await setColourFamily(prisma, user, input)),
);
