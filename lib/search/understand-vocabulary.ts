// The words query understanding reads (./understand.ts): price phrases, size words and leads, audience
// words, colour modifiers, fillers and connectors. Plain tables, so that teaching the store a new phrase is
// an edit in an obvious place; catalog-specific words (colours, sizes, categories) come from ./lexicon.ts.
import type { AudienceKey } from "./facets";

export const CURRENCY = /^[$£€]$/;
export const AMOUNT = /^[$£€]?(\d{1,7}(?:[.,]\d{1,2})?)[$£€]?(\+?)$/;
export const CURRENCY_WORDS = new Set([
  "dollar",
  "dollars",
  "usd",
  "bucks",
  "buck",
  "eur",
  "euro",
  "euros",
  "gbp",
  "pounds",
  "quid",
]);

export const MAX_PHRASES = [
  ["under"],
  ["below"],
  ["beneath"],
  ["less", "than"],
  ["cheaper", "than"],
  ["lower", "than"],
  ["up", "to"],
  ["upto"],
  ["max"],
  ["maximum"],
  ["at", "most"],
  ["no", "more", "than"],
  ["not", "more", "than"],
  ["within"],
  ["<"],
  ["<="],
];
export const MIN_PHRASES = [
  ["over"],
  ["above"],
  ["more", "than"],
  ["at", "least"],
  ["min"],
  ["minimum"],
  ["from"],
  ["starting", "at"],
  ["starting", "from"],
  ["higher", "than"],
  [">"],
  [">="],
];
export const AND_UP_PHRASES = [["+"], ["and", "up"], ["and", "over"], ["and", "above"], ["or", "more"], ["plus"]];
export const AND_UNDER_PHRASES = [["or", "less"], ["and", "under"], ["and", "below"], ["or", "under"], ["max"]];
export const CHEAP_PHRASES = [
  ["cheap"],
  ["cheaper"],
  ["cheapest"],
  ["affordable"],
  ["budget"],
  ["inexpensive"],
  ["bargain"],
  ["low", "cost"],
  ["low-cost"],
  ["low", "price"],
  ["low", "priced"],
  ["lowest", "price"],
];
export const EXPENSIVE_PHRASES = [["most", "expensive"], ["expensive"], ["priciest"], ["high-end"], ["high", "end"]];

export const SIZE_LEADS = new Set(["size", "sizes", "sz", "waist", "us", "uk", "eu"]);
export const NUMERIC_ONLY_LEADS = new Set(["us", "uk", "eu", "waist"]);
// A Map, not an object literal: a token is whatever the shopper typed ("constructor", "__proto__").
export const LETTER_SIZES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    xxs: "XXS",
    xs: "XS",
    s: "S",
    m: "M",
    l: "L",
    xl: "XL",
    xxl: "XXL",
    "2xl": "XXL",
    xxxl: "XXXL",
    "3xl": "XXXL",
    "x-small": "XS",
    "x-large": "XL",
    xlarge: "XL",
    "xx-large": "XXL",
    xxlarge: "XXL",
  }),
);
export const SIZE_WORDS: readonly [readonly string[], string][] = [
  [["extra", "extra", "large"], "XXL"],
  [["extra", "large"], "XL"],
  [["extra", "small"], "XS"],
  [["small"], "S"],
  [["medium"], "M"],
  [["large"], "L"],
];
// Letters that are sizes only after "size" ("size m"); alone they are too ambiguous.
export const LEAD_ONLY_LETTERS = new Set(["s", "m", "l"]);
export const CAPACITY_UNITS = new Set(["ml", "l", "litre", "litres", "liter", "liters", "cl"]);

export const AUDIENCE_WORDS: readonly [readonly string[], AudienceKey][] = [
  [["for", "him"], "men"],
  [["for", "his"], "men"],
  [["for", "her"], "women"],
  [["for", "hers"], "women"],
  ...(
    [
      "men",
      "mens",
      "man",
      "male",
      "males",
      "guy",
      "guys",
      "gent",
      "gents",
      "gentleman",
      "gentlemen",
      "dad",
      "dads",
      "father",
      "husband",
      "boyfriend",
      "brother",
    ] as const
  ).map((word): [string[], AudienceKey] => [[word], "men"]),
  ...(
    [
      "women",
      "womens",
      "woman",
      "female",
      "females",
      "lady",
      "ladies",
      "mom",
      "moms",
      "mum",
      "mums",
      "mother",
      "wife",
      "girlfriend",
      "sister",
    ] as const
  ).map((word): [string[], AudienceKey] => [[word], "women"]),
  ...(
    [
      "kids",
      "kid",
      "child",
      "children",
      "childrens",
      "boys",
      "boy",
      "girls",
      "girl",
      "youth",
      "junior",
      "juniors",
      "toddler",
      "toddlers",
      "baby",
      "babies",
    ] as const
  ).map((word): [string[], AudienceKey] => [[word], "kids"]),
  [["unisex"], "unisex"],
];

export const COLOUR_MODIFIERS = new Set(["light", "dark", "pale", "bright", "deep", "pastel", "muted", "soft"]);
export const COLOUR_NOUNS = new Set(["colour", "color", "coloured", "colored", "colours", "colors", "tone", "toned"]);

export const FILLERS = new Set([
  "i",
  "im",
  "want",
  "wanna",
  "need",
  "looking",
  "show",
  "me",
  "find",
  "buy",
  "please",
  "shop",
  "some",
  "something",
  "anything",
  "my",
]);
export const CONNECTORS = new Set([
  "or",
  "and",
  "in",
  "with",
  "for",
  "of",
  "at",
  "to",
  "a",
  "an",
  "the",
  "&",
  "-",
  "+",
  "/",
]);
