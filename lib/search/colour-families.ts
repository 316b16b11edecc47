// Colour families: the dozen colours shoppers name ("blue", "grey") over the shades variants are sold in
// ("Navy", "Cobalt", "Sky Blue"). Search documents carry the families of their variants' colours, the
// sidebar facets on them, and query understanding turns "blue" into that filter. The families are fixed
// here (a link to ?colourFamily=blue must keep its meaning); which family a shade belongs to is data: the
// ColourFamilyMapping table an admin edits, else the shade's own name where it says one.

export interface ColourFamilyDef {
  key: string;
  label: string;
  /** A swatch for the sidebar. */
  hex: string;
  /** Words a shopper types for it (lower case, singular first). */
  words: readonly string[];
}

export const COLOUR_FAMILIES = [
  { key: "black", label: "Black", hex: "#1f2328", words: ["black"] },
  { key: "white", label: "White", hex: "#f4f4f1", words: ["white", "off-white", "off white", "ivory"] },
  { key: "grey", label: "Grey", hex: "#8a8f96", words: ["grey", "gray", "greys", "grays"] },
  { key: "blue", label: "Blue", hex: "#2b59c3", words: ["blue", "blues"] },
  { key: "green", label: "Green", hex: "#2f5d3a", words: ["green", "greens"] },
  { key: "red", label: "Red", hex: "#c0392b", words: ["red", "reds"] },
  { key: "pink", label: "Pink", hex: "#e8b4b8", words: ["pink", "pinks"] },
  { key: "purple", label: "Purple", hex: "#7d5ba6", words: ["purple", "violet", "lilac"] },
  { key: "orange", label: "Orange", hex: "#e8702a", words: ["orange", "oranges"] },
  { key: "yellow", label: "Yellow", hex: "#d4a017", words: ["yellow", "yellows"] },
  { key: "brown", label: "Brown", hex: "#7b5233", words: ["brown", "browns", "tan"] },
  { key: "beige", label: "Beige", hex: "#d8c3a0", words: ["beige", "neutral", "khaki"] },
  { key: "metallic", label: "Metallic", hex: "#b59a4a", words: ["metallic", "gold", "golden", "silver"] },
] as const satisfies readonly ColourFamilyDef[];

export type ColourFamilyKey = (typeof COLOUR_FAMILIES)[number]["key"];

export const COLOUR_FAMILY_KEYS: readonly ColourFamilyKey[] = COLOUR_FAMILIES.map((family) => family.key);

const BY_KEY = new Map<string, ColourFamilyDef>(COLOUR_FAMILIES.map((family) => [family.key, family]));

export function colourFamily(key: string): ColourFamilyDef | undefined {
  return BY_KEY.get(key);
}

export function isColourFamilyKey(value: string): value is ColourFamilyKey {
  return BY_KEY.has(value);
}

/** How a colour value is stored in ColourFamilyMapping and compared: lower case, single spaces. */
export function colourKey(colour: string): string {
  return colour.trim().toLowerCase().replace(/\s+/g, " ");
}

// Shade names common enough in retail that a store should not have to map them by hand. The table wins
// over this list; a name that contains a family word ("Forest Green") needs neither.
const COMMON_SHADES: Readonly<Record<string, ColourFamilyKey>> = {
  navy: "blue",
  cobalt: "blue",
  indigo: "blue",
  denim: "blue",
  teal: "blue",
  turquoise: "blue",
  aqua: "blue",
  charcoal: "grey",
  slate: "grey",
  graphite: "grey",
  ash: "grey",
  olive: "green",
  sage: "green",
  khaki: "beige",
  mint: "green",
  emerald: "green",
  burgundy: "red",
  maroon: "red",
  crimson: "red",
  wine: "red",
  rust: "orange",
  terracotta: "orange",
  coral: "pink",
  blush: "pink",
  rose: "pink",
  lavender: "purple",
  plum: "purple",
  mustard: "yellow",
  ochre: "yellow",
  sand: "beige",
  oatmeal: "beige",
  stone: "beige",
  camel: "beige",
  cream: "white",
  ecru: "white",
  chocolate: "brown",
  walnut: "brown",
  oak: "brown",
  "natural oak": "brown",
  brass: "metallic",
  copper: "metallic",
  bronze: "metallic",
};

const FAMILY_BY_WORD = new Map<string, ColourFamilyKey>(
  COLOUR_FAMILIES.flatMap((family) => family.words.map((word) => [word, family.key] as const)),
);

/** Own keys only: a colour name is data ("Constructor" must not find Object.prototype's). */
function commonShade(word: string): ColourFamilyKey | undefined {
  return Object.hasOwn(COMMON_SHADES, word) ? COMMON_SHADES[word] : undefined;
}

/**
 * The family a colour value belongs to: the mapping table's row, else a common shade name, else a family
 * word in the name (the last one: "Blaze Orange" is orange, "Forest Green" is green), else none.
 */
export function familyOfColour(colour: string, mapping: ReadonlyMap<string, string>): ColourFamilyKey | null {
  const key = colourKey(colour);
  const mapped = mapping.get(key);
  if (mapped && isColourFamilyKey(mapped)) return mapped;
  const common = commonShade(key);
  if (common) return common;
  const words = key.split(/[\s/-]+/);
  for (let i = words.length - 1; i >= 0; i -= 1) {
    const family = FAMILY_BY_WORD.get(words[i]!) ?? commonShade(words[i]!);
    if (family) return family;
  }
  return null;
}

/** Where a colour's family comes from, for the admin. */
export function familySource(colour: string, mapping: ReadonlyMap<string, string>): "table" | "name" | "none" {
  if (mapping.has(colourKey(colour))) return "table";
  return familyOfColour(colour, new Map()) ? "name" : "none";
}
