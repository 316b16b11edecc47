// Tax rate lookup from the TaxRate table: a row for the country and region overrides the country's own
// row (region ""); a destination with neither is not taxed (rate 0, no name).

export interface TaxRateRow {
  country: string;
  region: string;
  rateBps: number;
  name: string;
}

export interface AppliedTaxRate {
  rateBps: number;
  /** For display on the order ("California", "MwSt"); "" when untaxed. */
  name: string;
}

export function taxRateFor(
  rates: readonly TaxRateRow[],
  country: string,
  region: string | null | undefined,
): AppliedTaxRate {
  const wantedCountry = country.trim().toUpperCase();
  const wantedRegion = (region ?? "").trim().toUpperCase();
  const inCountry = rates.filter((rate) => rate.country.trim().toUpperCase() === wantedCountry);
  const regional = wantedRegion
    ? inCountry.find((rate) => rate.region.trim().toUpperCase() === wantedRegion)
    : undefined;
  const row = regional ?? inCountry.find((rate) => rate.region === "");
  return row ? { rateBps: row.rateBps, name: row.name } : { rateBps: 0, name: "" };
}
