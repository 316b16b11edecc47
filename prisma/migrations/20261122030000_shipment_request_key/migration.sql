-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "requestKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_requestKey_key" ON "Shipment"("requestKey");
