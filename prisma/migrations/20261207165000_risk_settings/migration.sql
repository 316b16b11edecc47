-- The store's own fraud rules (lib/orders/risk-settings.ts, risk-score.ts): the settings a seller edits in
-- /admin/risk, the score and reasons recorded on each order when it is paid, and the card fingerprint the
-- provider reported on each payment (orders per card in the last hour).

-- CreateTable
-- One row (id 'default') once an administrator saved the settings; until then the code's defaults apply.
CREATE TABLE "RiskSettings" (
    "id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "holdAtScore" INTEGER NOT NULL,
    "valueMultiplePercent" INTEGER NOT NULL,
    "minOrdersForAverage" INTEGER NOT NULL,
    "valuePoints" INTEGER NOT NULL,
    "velocityWindowMinutes" INTEGER NOT NULL,
    "maxOrdersPerEmail" INTEGER NOT NULL,
    "maxOrdersPerIp" INTEGER NOT NULL,
    "maxOrdersPerCard" INTEGER NOT NULL,
    "velocityPoints" INTEGER NOT NULL,
    "countryMismatchPoints" INTEGER NOT NULL,
    "firstOrderExpressCents" INTEGER NOT NULL,
    "firstOrderExpressPoints" INTEGER NOT NULL,
    "maxFailedAttempts" INTEGER NOT NULL,
    "failedAttemptsPoints" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskSettings_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "RiskSettings" ADD CONSTRAINT "RiskSettings_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A threshold of at least 1 (0 would hold every order); points of a rule 0 (off) to 1000; counts of at
-- least 2 (one order is always "this one"); a window of 5 minutes to a day; a value rule of at least the
-- average itself.
ALTER TABLE "RiskSettings" ADD CONSTRAINT "RiskSettings_holdAtScore_check" CHECK ("holdAtScore" BETWEEN 1 AND 1000);
ALTER TABLE "RiskSettings" ADD CONSTRAINT "RiskSettings_points_check" CHECK (
  "valuePoints" BETWEEN 0 AND 1000 AND "velocityPoints" BETWEEN 0 AND 1000 AND "countryMismatchPoints" BETWEEN 0 AND 1000
  AND "firstOrderExpressPoints" BETWEEN 0 AND 1000 AND "failedAttemptsPoints" BETWEEN 0 AND 1000);
ALTER TABLE "RiskSettings" ADD CONSTRAINT "RiskSettings_limits_check" CHECK (
  "valueMultiplePercent" >= 100 AND "minOrdersForAverage" >= 1 AND "velocityWindowMinutes" BETWEEN 5 AND 1440
  AND "maxOrdersPerEmail" >= 2 AND "maxOrdersPerIp" >= 2 AND "maxOrdersPerCard" >= 2
  AND "firstOrderExpressCents" >= 0 AND "maxFailedAttempts" >= 1);

-- AlterTable
-- riskScore: the store's own score when the order was paid (null: not scored, e.g. paid before this
-- existed or with the rules switched off); riskReasons: the rules that fired, [{rule, points, message}].
ALTER TABLE "Order" ADD COLUMN "riskScore" INTEGER,
ADD COLUMN "riskReasons" JSONB;
ALTER TABLE "Order" ADD CONSTRAINT "Order_riskScore_check" CHECK ("riskScore" >= 0);

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN "cardFingerprint" TEXT;

-- CreateIndex
CREATE INDEX "Payment_cardFingerprint_createdAt_idx" ON "Payment"("cardFingerprint", "createdAt");
