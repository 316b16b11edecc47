// Place names for the checkout's tax note ("No sales tax for Oregon"): US states and DC by their postal
// codes; countries through Intl.DisplayNames.

export const US_STATE_NAMES: Readonly<Record<string, string>> = {
  AL: "Alabama",
  AK: "Alaska",
  AZ: "Arizona",
  AR: "Arkansas",
  CA: "California",
  CO: "Colorado",
  CT: "Connecticut",
  DE: "Delaware",
  DC: "the District of Columbia",
  FL: "Florida",
  GA: "Georgia",
  HI: "Hawaii",
  ID: "Idaho",
  IL: "Illinois",
  IN: "Indiana",
  IA: "Iowa",
  KS: "Kansas",
  KY: "Kentucky",
  LA: "Louisiana",
  ME: "Maine",
  MD: "Maryland",
  MA: "Massachusetts",
  MI: "Michigan",
  MN: "Minnesota",
  MS: "Mississippi",
  MO: "Missouri",
  MT: "Montana",
  NE: "Nebraska",
  NV: "Nevada",
  NH: "New Hampshire",
  NJ: "New Jersey",
  NM: "New Mexico",
  NY: "New York",
  NC: "North Carolina",
  ND: "North Dakota",
  OH: "Ohio",
  OK: "Oklahoma",
  OR: "Oregon",
  PA: "Pennsylvania",
  RI: "Rhode Island",
  SC: "South Carolina",
  SD: "South Dakota",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VT: "Vermont",
  VA: "Virginia",
  WA: "Washington",
  WV: "West Virginia",
  WI: "Wisconsin",
  WY: "Wyoming",
};

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * What the checkout says when a destination is charged no tax (rate 0, or no rate at all): US states
 * without a sales tax, and countries outside the tax table (where import taxes may be due on delivery).
 * Null when tax is charged.
 */
export function untaxedNote(rateBps: number, country: string, region: string | null | undefined): string | null {
  if (rateBps > 0) return null;
  const countryCode = country.trim().toUpperCase();
  const regionCode = (region ?? "").trim().toUpperCase();
  if (countryCode === "US") {
    const state = US_STATE_NAMES[regionCode];
    return state ? `No sales tax for ${state}.` : "No sales tax charged.";
  }
  return `No tax is charged at checkout for ${countryName(countryCode)}; import taxes may be due on delivery.`;
}
