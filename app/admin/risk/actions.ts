"use server";
// The store's fraud rules from /admin/risk, administrators only. Thin: the kit authorizes and parses the
// form with zod; lib/orders/risk-settings.ts saves them with an audit entry; the page is then refreshed.
import { defineAction } from "@/lib/actions/define-action";
import { saved } from "@/lib/actions/saved";
import { prisma } from "@/lib/db";
import { riskSettingsInput, updateRiskSettings } from "@/lib/orders/risk-settings";

export const updateRiskSettingsAction = defineAction(
  { role: "admin", input: riskSettingsInput, echo: true },
  async ({ input, user }) => {
    await updateRiskSettings(prisma, user, input);
    return saved({});
  },
);
