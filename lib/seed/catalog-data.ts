// The demo store's vocabulary: category tree, brands, colours, sizes and the words products are made of.
// Plain data, no logic: the generator (generate.ts) combines it with a seeded PRNG, so editing a list
// here changes the catalog in an obvious place.
import type { ColourFamilyKey } from "@/lib/search/colour-families";
import type { Silhouette } from "@/lib/media/silhouettes";

/** Which options a product of a category gets (Colour is added by every plan except where noted). */
export type SizePlan = "apparel" | "waist" | "shoe" | "capacity" | "cushion" | "none";

/** Groups share the closing paragraphs of descriptions (care, fit, warranty). */
export type ProductGroup = "apparel" | "footwear" | "gear" | "home";

export interface ColourDef {
  name: string;
  /** Three letters, used in SKUs: unique across COLOURS. */
  code: string;
  hex: string;
  /** Its colour family (lib/search/colour-families.ts): the seed fills the ColourFamilyMapping table. */
  family: ColourFamilyKey;
}

export interface BrandDef {
  slug: string;
  name: string;
  /** Three letters, the first part of every SKU of the brand. */
  code: string;
}

export interface LeafCategoryDef {
  slug: string;
  name: string;
  description: string;
  /** Three letters, the second part of a SKU. */
  skuCode: string;
  silhouette: Silhouette;
  group: ProductGroup;
  /** What the product is ("Pocket Tee"); the title ends with one of these. */
  nouns: readonly string[];
  /** What it is made of or how ("Heavyweight"); goes between model name and noun. */
  materials: readonly string[];
  /** Lower-case word reviewers use ("tee"). */
  reviewNoun: string;
  priceDollars: readonly [number, number];
  weightGrams: readonly [number, number];
  sizePlan: SizePlan;
  /** Who its products are for; null for things that are for no one in particular (mugs, lamps). */
  audience: "UNISEX" | null;
  /** Colour names (from COLOURS) products of this category come in. */
  colours: readonly string[];
  brands: readonly string[];
  tags: readonly string[];
  /** Share of products sold as a single default variant (no options at all). */
  noOptionsShare: number;
  /** Opening sentences; `{title}`, `{material}`, `{brand}` and `{noun}` are filled in. */
  intros: readonly string[];
  /** Feature sentences; a description uses three or four of them. */
  features: readonly string[];
}

export interface TopCategoryDef {
  slug: string;
  name: string;
  description: string;
  children: readonly LeafCategoryDef[];
}

export const COLOURS: readonly ColourDef[] = [
  { name: "Black", code: "BLK", hex: "#1f2328", family: "black" },
  { name: "White", code: "WHT", hex: "#f4f4f1", family: "white" },
  { name: "Heather Grey", code: "GRY", hex: "#a3a7ad", family: "grey" },
  { name: "Charcoal", code: "CHR", hex: "#3d4248", family: "grey" },
  { name: "Navy", code: "NVY", hex: "#1f3a5f", family: "blue" },
  { name: "Forest Green", code: "FOR", hex: "#2f5d3a", family: "green" },
  { name: "Olive", code: "OLV", hex: "#6b7040", family: "green" },
  { name: "Sage", code: "SAG", hex: "#9caf88", family: "green" },
  { name: "Rust", code: "RST", hex: "#b4532a", family: "orange" },
  { name: "Terracotta", code: "TER", hex: "#c8694a", family: "orange" },
  { name: "Mustard", code: "MUS", hex: "#d4a017", family: "yellow" },
  { name: "Sand", code: "SND", hex: "#d8c3a0", family: "beige" },
  { name: "Oatmeal", code: "OAT", hex: "#e3d8c4", family: "beige" },
  { name: "Cream", code: "CRM", hex: "#f3ead8", family: "white" },
  { name: "Burgundy", code: "BUR", hex: "#7a2e3a", family: "red" },
  { name: "Sky Blue", code: "SKY", hex: "#7fb3d5", family: "blue" },
  { name: "Cobalt", code: "COB", hex: "#2b59c3", family: "blue" },
  { name: "Coral", code: "COR", hex: "#f08070", family: "pink" },
  { name: "Blush", code: "BLS", hex: "#e8b4b8", family: "pink" },
  { name: "Lavender", code: "LAV", hex: "#b8a9d9", family: "purple" },
  { name: "Teal", code: "TEA", hex: "#2a7f7f", family: "blue" },
  { name: "Red", code: "RED", hex: "#c0392b", family: "red" },
  { name: "Blaze Orange", code: "ORG", hex: "#e8702a", family: "orange" },
  { name: "Slate", code: "SLT", hex: "#5b6770", family: "grey" },
  { name: "Brass", code: "BRS", hex: "#b59a4a", family: "metallic" },
  { name: "Copper", code: "CPR", hex: "#b87333", family: "metallic" },
  { name: "Natural Oak", code: "OAK", hex: "#c49a6c", family: "brown" },
];

/** Colours that cost a little more when a product offers them next to plain ones. */
export const PREMIUM_COLOURS: ReadonlySet<string> = new Set(["Brass", "Copper", "Burgundy", "Cobalt", "Natural Oak"]);

export const APPAREL_SIZES = ["XS", "S", "M", "L", "XL", "XXL"] as const;
export const WAIST_SIZES = ["28", "30", "32", "34", "36", "38"] as const;
export const SHOE_SIZES = ["7", "8", "8.5", "9", "9.5", "10", "10.5", "11", "12"] as const;
/** Bottle sizes and what each costs above the smallest (cents). */
export const CAPACITIES = [
  { value: "500 ml", code: "500", upchargeCents: 0 },
  { value: "750 ml", code: "750", upchargeCents: 400 },
  { value: "1 L", code: "1L", upchargeCents: 800 },
] as const;
export const CUSHION_SIZES = [
  { value: "45 × 45 cm", code: "45", upchargeCents: 0 },
  { value: "50 × 50 cm", code: "50", upchargeCents: 600 },
  { value: "60 × 60 cm", code: "60", upchargeCents: 1500 },
] as const;

export const BRANDS: readonly BrandDef[] = [
  { slug: "northwind-supply", name: "Northwind Supply Co.", code: "NWS" },
  { slug: "alder-and-oak", name: "Alder & Oak", code: "ALD" },
  { slug: "fjordline", name: "Fjordline", code: "FJL" },
  { slug: "kestrel-outdoor", name: "Kestrel Outdoor", code: "KST" },
  { slug: "granite-trail", name: "Granite Trail", code: "GRT" },
  { slug: "tidewater-goods", name: "Tidewater Goods", code: "TDW" },
  { slug: "stride-and-co", name: "Stride & Co.", code: "STR" },
  { slug: "basecamp", name: "Basecamp", code: "BSC" },
  { slug: "lumen-house", name: "Lumen House", code: "LUM" },
  { slug: "copperleaf", name: "Copperleaf", code: "CPL" },
  { slug: "meadowlark-home", name: "Meadowlark Home", code: "MDL" },
  { slug: "harbor-and-hearth", name: "Harbor & Hearth", code: "HRH" },
];

/** First words of product titles: short place-like names, as outdoor and home brands like them. */
export const MODEL_NAMES: readonly string[] = [
  "Alder",
  "Aspen",
  "Basalt",
  "Birch",
  "Boulder",
  "Cairn",
  "Canyon",
  "Cedar",
  "Cove",
  "Crest",
  "Delta",
  "Drift",
  "Dune",
  "Ember",
  "Fern",
  "Fjord",
  "Flint",
  "Glacier",
  "Granite",
  "Grove",
  "Harbor",
  "Haven",
  "Heath",
  "Highland",
  "Juniper",
  "Kestrel",
  "Lark",
  "Ledge",
  "Linden",
  "Maple",
  "Marsh",
  "Meadow",
  "Mesa",
  "Moraine",
  "Moss",
  "Nimbus",
  "Pebble",
  "Pine",
  "Prairie",
  "Quarry",
  "Range",
  "Ravine",
  "Ridge",
  "River",
  "Rowan",
  "Sable",
  "Shale",
  "Shore",
  "Sierra",
  "Sorrel",
  "Spruce",
  "Summit",
  "Talus",
  "Thistle",
  "Timber",
  "Tundra",
  "Vale",
  "Willow",
  "Yarrow",
  "Larch",
  "Bramble",
  "Heron",
];

export const CATEGORY_TREE: readonly TopCategoryDef[] = [
  {
    slug: "clothing",
    name: "Clothing",
    description: "Everyday layers built to be worn hard and washed often.",
    children: [
      {
        slug: "t-shirts",
        name: "T-Shirts",
        description: "Crew necks, pocket tees and long sleeves in cotton, merino and hemp.",
        skuCode: "TEE",
        silhouette: "tshirt",
        group: "apparel",
        nouns: [
          "Crew Tee",
          "Pocket Tee",
          "V-Neck Tee",
          "Long Sleeve Tee",
          "Henley",
          "Raglan Tee",
          "Boxy Tee",
          "Ringer Tee",
        ],
        materials: [
          "Organic Cotton",
          "Heavyweight",
          "Merino",
          "Slub Cotton",
          "Pima Cotton",
          "Hemp Blend",
          "Recycled Cotton",
          "Garment-Dyed",
        ],
        reviewNoun: "tee",
        priceDollars: [24, 48],
        weightGrams: [160, 240],
        sizePlan: "apparel",
        audience: "UNISEX",
        colours: [
          "Black",
          "White",
          "Heather Grey",
          "Navy",
          "Forest Green",
          "Olive",
          "Rust",
          "Sand",
          "Burgundy",
          "Sky Blue",
          "Mustard",
          "Charcoal",
        ],
        brands: ["northwind-supply", "alder-and-oak", "tidewater-goods", "fjordline"],
        tags: ["basics", "cotton", "layering"],
        noOptionsShare: 0,
        intros: [
          "The {title} is the tee you reach for first: {material} jersey with a clean neckline that keeps its shape wash after wash.",
          "{brand} cut the {title} from {material} jersey for a shirt that feels broken-in on day one and only gets better.",
          "A wardrobe staple done properly, the {title} pairs a relaxed fit with {material} fabric that breathes on warm days.",
        ],
        features: [
          "Taped shoulder seams and a double-needle hem keep it square after years of laundry.",
          "Pre-shrunk, so the size you order is the size you keep.",
          "A slightly longer back hem stays tucked when you reach.",
          "Ribbed collar knit with a touch of elastane so it never ripples.",
          "Side seams are set forward so the shirt hangs straight instead of twisting.",
          "Dyed in small batches for rich colour that fades gracefully.",
        ],
      },
      {
        slug: "hoodies",
        name: "Hoodies & Sweatshirts",
        description: "Fleece, French terry and loopback pullovers for cool mornings.",
        skuCode: "HOD",
        silhouette: "hoodie",
        group: "apparel",
        nouns: ["Pullover Hoodie", "Zip Hoodie", "Crewneck Sweatshirt", "Half-Zip Fleece", "Quarter-Zip Pullover"],
        materials: ["Brushed Fleece", "French Terry", "Loopback", "Heavyweight", "Polar Fleece", "Organic Cotton"],
        reviewNoun: "hoodie",
        priceDollars: [55, 98],
        weightGrams: [420, 720],
        sizePlan: "apparel",
        audience: "UNISEX",
        colours: [
          "Black",
          "Heather Grey",
          "Charcoal",
          "Navy",
          "Forest Green",
          "Oatmeal",
          "Rust",
          "Sage",
          "Burgundy",
          "Cream",
        ],
        brands: ["northwind-supply", "alder-and-oak", "kestrel-outdoor", "tidewater-goods"],
        tags: ["fleece", "layering", "cold-weather"],
        noOptionsShare: 0,
        intros: [
          "The {title} is made from {material} with a soft inside that traps warmth without bulk.",
          "Cool evenings call for the {title}: {material}, a roomy cut and cuffs that stay where you push them.",
          "{brand}'s {title} is the sweatshirt friends borrow and forget to return, in dense {material}.",
        ],
        features: [
          "A double-layer hood holds its shape and keeps the wind off your neck.",
          "Rib-knit cuffs and hem with recovery, so they never bag out.",
          "A kangaroo pocket big enough for a phone, gloves and a snack.",
          "Flatlock seams lie smooth under a pack strap.",
          "Brushed interior that gets softer with every wash.",
          "Metal-tipped drawcords that will not disappear into the hood.",
        ],
      },
      {
        slug: "jackets",
        name: "Jackets & Coats",
        description: "Rain shells, down jackets and chore coats for every season.",
        skuCode: "JKT",
        silhouette: "jacket",
        group: "apparel",
        nouns: [
          "Rain Jacket",
          "Down Jacket",
          "Chore Coat",
          "Field Jacket",
          "Softshell Jacket",
          "Insulated Parka",
          "Wind Shell",
          "Trucker Jacket",
        ],
        materials: [
          "Waxed Cotton",
          "Ripstop",
          "Waterproof",
          "Packable",
          "Recycled Down",
          "Canvas",
          "Quilted",
          "Stretch",
        ],
        reviewNoun: "jacket",
        priceDollars: [110, 340],
        weightGrams: [380, 1200],
        sizePlan: "apparel",
        audience: "UNISEX",
        colours: [
          "Black",
          "Navy",
          "Olive",
          "Forest Green",
          "Rust",
          "Sand",
          "Mustard",
          "Slate",
          "Blaze Orange",
          "Cobalt",
        ],
        brands: ["kestrel-outdoor", "fjordline", "granite-trail", "northwind-supply"],
        tags: ["outerwear", "weatherproof", "travel"],
        noOptionsShare: 0,
        intros: [
          "The {title} is the jacket that lives by the door: {material} construction that shrugs off wind and drizzle.",
          "Built for shoulder seasons, the {title} combines a {material} shell with a cut that layers over a thick knit.",
          "{brand} designed the {title} for long days outside, in {material} fabric with pockets where your hands expect them.",
        ],
        features: [
          "Two-way front zip with a storm flap to keep rain out.",
          "An adjustable hem and cuffs seal in warmth when the wind picks up.",
          "Hand-warmer pockets lined with soft tricot.",
          "An internal zip pocket keeps your phone dry.",
          "Articulated elbows so the sleeves do not ride up when you reach.",
          "PFC-free water-repellent finish, easy to refresh in a warm dryer.",
          "Packs into its own chest pocket for travel.",
        ],
      },
      {
        slug: "trousers",
        name: "Trousers",
        description: "Chinos, work pants and trail-ready hiking trousers.",
        skuCode: "TRS",
        silhouette: "trousers",
        group: "apparel",
        nouns: [
          "Chinos",
          "Cargo Pants",
          "Hiking Pants",
          "Work Pants",
          "Joggers",
          "Climbing Pants",
          "Five-Pocket Pants",
        ],
        materials: ["Stretch Twill", "Canvas", "Ripstop", "Corduroy", "Organic Cotton", "Softshell"],
        reviewNoun: "pants",
        priceDollars: [58, 128],
        weightGrams: [380, 720],
        sizePlan: "waist",
        audience: "UNISEX",
        colours: ["Black", "Navy", "Olive", "Sand", "Charcoal", "Rust", "Slate", "Forest Green"],
        brands: ["northwind-supply", "granite-trail", "alder-and-oak", "kestrel-outdoor"],
        tags: ["bottoms", "workwear", "travel"],
        noOptionsShare: 0,
        intros: [
          "The {title} are cut from {material} with just enough give to climb a stile or a flight of stairs two at a time.",
          "Made for days that start at a desk and end on a trail, the {title} are {material} with a tapered leg.",
          "{brand}'s {title} balance a tidy look with {material} that handles real work.",
        ],
        features: [
          "A gusseted crotch moves with you instead of against you.",
          "Deep front pockets and a zipped thigh pocket for your phone.",
          "Reinforced hems resist scuffs from boot heels.",
          "A hidden stretch waistband stays comfortable all day.",
          "Belt loops sized for a 40 mm belt.",
          "Bar-tacked stress points that survive years of wear.",
        ],
      },
    ],
  },
  {
    slug: "footwear",
    name: "Footwear",
    description: "Sneakers and boots with grippy soles and room for your toes.",
    children: [
      {
        slug: "sneakers",
        name: "Sneakers",
        description: "Court classics, trail runners and everyday trainers.",
        skuCode: "SNK",
        silhouette: "sneaker",
        group: "footwear",
        nouns: ["Court Sneaker", "Runner", "Trail Runner", "Canvas Low", "Slip-On", "High-Top", "Trainer"],
        materials: ["Suede", "Leather", "Knit", "Canvas", "Recycled Mesh"],
        reviewNoun: "sneakers",
        priceDollars: [75, 165],
        weightGrams: [620, 900],
        sizePlan: "shoe",
        audience: "UNISEX",
        colours: ["White", "Black", "Navy", "Heather Grey", "Sand", "Forest Green", "Coral", "Cobalt"],
        brands: ["stride-and-co", "kestrel-outdoor", "northwind-supply"],
        tags: ["shoes", "everyday", "comfort"],
        noOptionsShare: 0,
        intros: [
          "The {title} pairs a {material} upper with a cushioned sole you can wear from the first coffee to the last train home.",
          "{brand} built the {title} around a wide toe box and {material} that moulds to your foot within a week.",
          "Light, clean and endlessly wearable, the {title} is a {material} sneaker that goes with everything.",
        ],
        features: [
          "A natural rubber outsole grips wet pavement.",
          "Removable cork footbed that shapes to your foot.",
          "Padded collar and tongue stop heel rub on long walks.",
          "Stitched, not just glued, so it can be resoled.",
          "Waxed cotton laces that stay tied.",
          "Fits true to size; half sizes go up.",
        ],
      },
      {
        slug: "boots",
        name: "Boots",
        description: "Waterproof hikers, Chelsea boots and insulated winter boots.",
        skuCode: "BOT",
        silhouette: "boot",
        group: "footwear",
        nouns: ["Hiking Boot", "Chelsea Boot", "Work Boot", "Winter Boot", "Chukka", "Trail Boot"],
        materials: ["Waterproof", "Full-Grain Leather", "Suede", "Insulated", "Nubuck"],
        reviewNoun: "boots",
        priceDollars: [140, 280],
        weightGrams: [1100, 1700],
        sizePlan: "shoe",
        audience: "UNISEX",
        colours: ["Black", "Rust", "Sand", "Charcoal", "Burgundy", "Olive"],
        brands: ["granite-trail", "stride-and-co", "kestrel-outdoor"],
        tags: ["shoes", "weatherproof", "hiking"],
        noOptionsShare: 0,
        intros: [
          "The {title} is a {material} boot with a Goodyear-welted sole, ready for muddy trails and city puddles alike.",
          "{brand}'s {title} takes the hardest miles: {material} uppers, a grippy lug sole and ankle support that does not pinch.",
          "Break-in takes a weekend, then the {title} feels like it was made for you: {material} over a cushioned midsole.",
        ],
        features: [
          "Seam-sealed waterproof membrane keeps feet dry through streams and slush.",
          "Deep lugs shed mud instead of packing it.",
          "Speed hooks at the top for quick, even lacing.",
          "A heel counter that holds its shape for years.",
          "Resoleable construction: a cobbler can give them a second life.",
          "Rated comfortable down to -20 °C with a thick sock.",
        ],
      },
    ],
  },
  {
    slug: "outdoor",
    name: "Outdoor Gear",
    description: "Packs and bottles for the trail, the commute and everything between.",
    children: [
      {
        slug: "backpacks",
        name: "Backpacks & Bags",
        description: "Daypacks, rolltops and travel packs that carry well.",
        skuCode: "BPK",
        silhouette: "backpack",
        group: "gear",
        nouns: [
          "Daypack 20L",
          "Travel Pack 35L",
          "Rolltop Backpack",
          "Commuter Backpack",
          "Hiking Pack 28L",
          "Laptop Backpack",
          "Sling Bag",
        ],
        materials: ["Waxed Canvas", "Ripstop Nylon", "Recycled", "Weatherproof", "Cordura"],
        reviewNoun: "pack",
        priceDollars: [58, 189],
        weightGrams: [480, 1400],
        sizePlan: "none",
        audience: null,
        colours: ["Black", "Navy", "Olive", "Sand", "Rust", "Forest Green", "Charcoal", "Mustard"],
        brands: ["basecamp", "kestrel-outdoor", "fjordline", "granite-trail"],
        tags: ["bags", "travel", "commute"],
        noOptionsShare: 0.1,
        intros: [
          "The {title} is a {material} pack sized for a laptop, a lunch and a spare layer, and nothing rattles around.",
          "{brand} built the {title} for people who carry their day on their back: {material} fabric, padded straps, no fuss.",
          "Clean lines outside, clever organisation inside: the {title} in {material} goes from trail to office without changing.",
        ],
        features: [
          "A padded sleeve fits laptops up to 16 inches.",
          "Breathable back panel with channels for airflow.",
          "Water-resistant zips and a storm flap over the main opening.",
          "Side pockets hold a one-litre bottle upright.",
          "Load-lifter straps and a removable sternum strap.",
          "Luggage pass-through slides over a suitcase handle.",
        ],
      },
      {
        slug: "bottles",
        name: "Bottles & Flasks",
        description: "Insulated bottles and tumblers that keep drinks cold for a day.",
        skuCode: "BTL",
        silhouette: "bottle",
        group: "gear",
        nouns: ["Insulated Bottle", "Trail Flask", "Water Bottle", "Coffee Tumbler", "Wide-Mouth Bottle"],
        materials: ["Stainless Steel", "Double-Wall", "Vacuum", "Powder-Coated"],
        reviewNoun: "bottle",
        priceDollars: [22, 46],
        weightGrams: [280, 520],
        sizePlan: "capacity",
        audience: null,
        colours: ["Black", "White", "Sage", "Cobalt", "Coral", "Teal", "Mustard", "Lavender", "Slate"],
        brands: ["basecamp", "fjordline", "kestrel-outdoor"],
        tags: ["drinkware", "hydration", "plastic-free"],
        noOptionsShare: 0.1,
        intros: [
          "The {title} keeps water cold for 24 hours and coffee hot for 12, in {material} that never tastes metallic.",
          "{brand}'s {title} is the bottle you will still own in ten years: {material}, leakproof and dishwasher-safe.",
          "Fill the {title} in the morning and forget it until lunch: {material} insulation keeps the first sip and the last the same.",
        ],
        features: [
          "A leakproof lid rides safely in a bag on its side.",
          "Powder-coated finish grips in wet hands and does not sweat.",
          "A wide mouth takes ice cubes and a cleaning brush.",
          "BPA-free, with no plastic touching your drink.",
          "Fits standard car cup holders.",
          "Carry loop holds a carabiner.",
        ],
      },
    ],
  },
  {
    slug: "accessories",
    name: "Accessories",
    description: "Warm heads, finished outfits.",
    children: [
      {
        slug: "hats",
        name: "Hats & Beanies",
        description: "Rib beanies, watch caps and bobble hats in real wool.",
        skuCode: "HAT",
        silhouette: "beanie",
        group: "apparel",
        nouns: ["Rib Beanie", "Watch Cap", "Bobble Hat", "Fisherman Beanie", "Slouch Beanie"],
        materials: ["Merino", "Lambswool", "Chunky Knit", "Recycled Wool", "Cashmere Blend"],
        reviewNoun: "beanie",
        priceDollars: [22, 48],
        weightGrams: [60, 140],
        sizePlan: "none",
        audience: "UNISEX",
        colours: [
          "Black",
          "Heather Grey",
          "Navy",
          "Blaze Orange",
          "Mustard",
          "Forest Green",
          "Burgundy",
          "Cream",
          "Rust",
        ],
        brands: ["northwind-supply", "tidewater-goods", "fjordline", "alder-and-oak"],
        tags: ["knitwear", "cold-weather", "gift"],
        noOptionsShare: 0.2,
        intros: [
          "The {title} is knit from {material} yarn in a tight rib that keeps its stretch for winters to come.",
          "{brand}'s {title} is warm without itch: {material}, a deep turn-up and a fit that covers your ears.",
          "Pull on the {title} and you are ready for a frosty morning: {material}, soft and quietly bright.",
        ],
        features: [
          "One size fits most heads; the deep cuff adjusts the fit.",
          "Naturally odour-resistant wool, so it needs washing rarely.",
          "Knit in a family-run mill on vintage machines.",
          "Hand wash cold and dry flat to keep it just right.",
          "A woven label you can cut off if you prefer it plain.",
        ],
      },
    ],
  },
  {
    slug: "home",
    name: "Home",
    description: "Mugs, lamps and cushions for slow mornings and long evenings.",
    children: [
      {
        slug: "mugs",
        name: "Mugs & Cups",
        description: "Stoneware mugs, enamel camp mugs and espresso cups.",
        skuCode: "MUG",
        silhouette: "mug",
        group: "home",
        nouns: ["Stoneware Mug", "Camp Mug", "Espresso Cup", "Latte Mug", "Tea Cup"],
        materials: ["Speckled", "Enamel", "Hand-Thrown", "Glazed", "Matte"],
        reviewNoun: "mug",
        priceDollars: [14, 32],
        weightGrams: [220, 420],
        sizePlan: "none",
        audience: null,
        colours: ["White", "Cream", "Sage", "Terracotta", "Slate", "Sky Blue", "Blush", "Black", "Mustard"],
        brands: ["meadowlark-home", "harbor-and-hearth", "copperleaf", "basecamp"],
        tags: ["kitchen", "coffee", "gift"],
        noOptionsShare: 0.3,
        intros: [
          "The {title} holds a proper 350 ml of coffee and sits comfortably in two hands on a cold morning.",
          "{brand}'s {title} is {material} stoneware with a handle wide enough for three fingers.",
          "Every {title} is glazed by hand, so the {material} finish on yours is one of a kind.",
        ],
        features: [
          "Dishwasher- and microwave-safe.",
          "A thick wall keeps tea warm through a long phone call.",
          "Unglazed foot ring protects your table.",
          "Made in a small Portuguese pottery.",
          "Stacks neatly in a narrow cupboard.",
        ],
      },
      {
        slug: "lighting",
        name: "Lighting",
        description: "Table, desk and floor lamps with warm, dimmable light.",
        skuCode: "LMP",
        silhouette: "lamp",
        group: "home",
        nouns: ["Table Lamp", "Desk Lamp", "Floor Lamp", "Bedside Lamp", "Reading Lamp"],
        materials: ["Linen Shade", "Ceramic", "Brass", "Oak", "Rattan", "Paper"],
        reviewNoun: "lamp",
        priceDollars: [45, 220],
        weightGrams: [900, 4200],
        sizePlan: "none",
        audience: null,
        colours: ["Brass", "Copper", "Black", "White", "Natural Oak", "Sage", "Terracotta"],
        brands: ["lumen-house", "copperleaf", "harbor-and-hearth"],
        tags: ["lighting", "living-room", "bedroom"],
        noOptionsShare: 0.3,
        intros: [
          "The {title} throws a soft, even pool of light that makes any corner feel like a reading nook.",
          "{brand}'s {title} is a {material} design that looks as good switched off as it does on.",
          "Warm light, clean lines: the {title} in {material} brings a quiet glow to a desk or a bedside table.",
        ],
        features: [
          "Takes a standard E26 bulb; a warm 2700 K LED bulb is included.",
          "Inline dimmer switch on a 2 m fabric cord.",
          "Weighted base so it never tips.",
          "UL-listed wiring, assembled in minutes.",
          "The shade can be replaced if your style changes.",
        ],
      },
      {
        slug: "cushions",
        name: "Cushions & Throws",
        description: "Linen, bouclé and knit cushions that make a sofa inviting.",
        skuCode: "CSH",
        silhouette: "cushion",
        group: "home",
        nouns: ["Cushion Cover", "Throw Pillow", "Floor Cushion", "Lumbar Pillow"],
        materials: ["Linen", "Wool Bouclé", "Velvet", "Chunky Knit", "Cotton Canvas", "Organic Cotton"],
        reviewNoun: "cushion",
        priceDollars: [28, 72],
        weightGrams: [350, 1100],
        sizePlan: "cushion",
        audience: null,
        colours: ["Oatmeal", "Sage", "Terracotta", "Mustard", "Blush", "Navy", "Cream", "Rust", "Lavender", "Teal"],
        brands: ["meadowlark-home", "harbor-and-hearth", "copperleaf"],
        tags: ["living-room", "textiles", "gift"],
        noOptionsShare: 0.1,
        intros: [
          "The {title} is {material} over a generous feather-and-down insert that bounces back every time.",
          "{brand}'s {title} adds texture and colour to a sofa, in {material} that gets softer with use.",
          "Sink into the {title}: {material} with neat piped edges and a colour that warms a room.",
        ],
        features: [
          "A hidden zip makes the cover easy to wash.",
          "The insert is included, filled with recycled down.",
          "Cover is machine washable at 30 °C.",
          "Woven in a fair-trade mill.",
          "Corners are filled right out, with no sad flat ears.",
        ],
      },
    ],
  },
];

/** Closing paragraph per product group: care, fit, guarantee. One is picked at random. */
export const CLOSING_PARAGRAPHS: Readonly<Record<ProductGroup, readonly string[]>> = {
  apparel: [
    "Machine wash cold with similar colours and hang to dry; it will thank you with years of wear. Not sure about the fit? Exchanges are free within 60 days.",
    "True to size with a relaxed, not baggy, fit. If you are between sizes, size down for a closer fit. Free returns within 60 days of delivery.",
    "Made in a certified factory that pays a living wage. Wash inside out to keep the colour deep, and skip the tumble dryer when you can.",
  ],
  footwear: [
    "Fits true to size for most feet; if you wear thick socks, go up half a size. Free exchanges within 60 days, even if you have worn them around the house.",
    "Brush off dried mud and treat the upper twice a season. Resoling is available through our repair partner, so these can last for a decade.",
  ],
  gear: [
    "Backed by a lifetime guarantee against defects in materials and workmanship. If it breaks, we repair it, and if we cannot, we replace it.",
    "Wipe clean with a damp cloth. Every piece is tested in the field by our staff before it goes on sale, and is covered by a lifetime repair promise.",
  ],
  home: [
    "Each piece is made in small batches, so small variations in colour and texture are part of the charm. Ships carefully packed in recycled cardboard.",
    "Designed to be lived with: easy to clean, sturdy, and made to outlast trends. Free returns within 30 days if it does not suit your space.",
  ],
};

export const REVIEWER_FIRST_NAMES: readonly string[] = [
  "Maya",
  "Liam",
  "Sofia",
  "Noah",
  "Ava",
  "Ethan",
  "Isabella",
  "Lucas",
  "Mia",
  "Oliver",
  "Amelia",
  "James",
  "Harper",
  "Benjamin",
  "Evelyn",
  "Elijah",
  "Abigail",
  "Henry",
  "Emily",
  "Alexander",
  "Ella",
  "Daniel",
  "Grace",
  "Samuel",
  "Chloe",
  "Jack",
  "Zoe",
  "Leo",
  "Nora",
  "Owen",
  "Priya",
  "Ravi",
  "Aisha",
  "Mateo",
  "Yuki",
  "Hannah",
  "Jonas",
  "Freya",
  "Omar",
  "Lena",
  "Tomás",
  "Ingrid",
  "Kofi",
  "Mei",
  "Sam",
  "Rosa",
];
export const REVIEWER_LAST_INITIALS = "ABCDEFGHJKLMNOPRSTVWY";

/** Review titles and bodies by rating; `{noun}` is the category's review noun. */
export const REVIEW_TEXT: Readonly<
  Record<"great" | "good" | "mixed" | "poor", { titles: readonly string[]; bodies: readonly string[] }>
> = {
  great: {
    titles: [
      "Exactly what I hoped for",
      "Best {noun} I own",
      "Worth every penny",
      "Bought a second one",
      "Fantastic quality",
      "Love it",
      "Perfect gift",
    ],
    bodies: [
      "The quality is obvious the moment you open the box. I have used this {noun} almost every day for a month and it still looks new.",
      "I was hesitant about the price, but this {noun} is so much better made than the cheaper ones I have owned. Highly recommend.",
      "Arrived quickly, well packed, and the colour is exactly as pictured. Already ordered another as a gift.",
      "Comfortable, well finished and clearly built to last. This is now my go-to {noun}.",
      "Great fit and great details. You can tell someone who actually uses this stuff designed it.",
    ],
  },
  good: {
    titles: ["Really good, small quibble", "Solid choice", "Happy with it", "Very nice {noun}", "Good value"],
    bodies: [
      "Very happy overall. The {noun} is well made; I would have liked one more colour option, but that is nitpicking.",
      "Does everything I need. Took a few uses to break in, and now it is great.",
      "Nice materials and it looks great. Shipping took a couple of days longer than I expected.",
      "Good {noun} for the price. Sizing runs slightly large, so check the guide.",
    ],
  },
  mixed: {
    titles: ["It's fine", "Okay, not amazing", "Mixed feelings", "Decent but pricey"],
    bodies: [
      "The {noun} is fine, but for the price I expected a bit more. The colour is duller than in the photos.",
      "Some things I like, some I don't. The fit was not quite right for me and I am thinking of exchanging it.",
      "Perfectly usable, but nothing special. Customer service was quick to answer my questions, though.",
    ],
  },
  poor: {
    titles: ["Not for me", "Disappointed", "Returned it"],
    bodies: [
      "Unfortunately the {noun} did not hold up: a seam came loose after a couple of weeks. The return was easy at least.",
      "Did not match the description for me. Sent it back; the refund arrived within a few days.",
      "The size was way off compared with the chart. Returning it.",
    ],
  },
};
