// Product pictures drawn locally as SVG (no network, no image library): a soft gradient in a tint of the
// product's colour, a flat silhouette of the kind of product in that colour, a few translucent circles
// placed from a seed (so two products never look identical) and the brand name.
import { createRandom } from "@/lib/seeded-random";
import { SILHOUETTES, type Silhouette } from "./silhouettes";

export const ART_WIDTH = 800;
export const ART_HEIGHT = 1000;

/** front: the whole product; detail: a close-up crop; angle: the product turned a little. */
export type ArtView = "front" | "detail" | "angle";

export interface ProductArt {
  silhouette: Silhouette;
  colourHex: string;
  brandName: string;
  /** Accessible name of the picture (the image's alt text). */
  label: string;
  view: ArtView;
  /** Places the decoration; the product slug is a good seed. */
  seed: string;
}

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const value = Number.parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((channel) =>
      Math.round(Math.min(255, Math.max(0, channel)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** Linear mix: amount 0 gives `a`, 1 gives `b`. */
export function mixColours(a: string, b: string, amount: number): string {
  const [ar, ag, ab] = parseHex(a);
  const [br, bg, bb] = parseHex(b);
  return toHex([ar + (br - ar) * amount, ag + (bg - ag) * amount, ab + (bb - ab) * amount]);
}

/** WCAG relative luminance: 0 for black, 1 for white. */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

interface Palette {
  backgroundTop: string;
  backgroundBottom: string;
  body: string;
  shade: string;
  line: string;
  light: string;
  text: string;
}

function paletteFor(hex: string): Palette {
  const lum = luminance(hex);
  // A pale product on a pale background disappears, a dark one on a dark background too: the backdrop
  // is a tint of the colour for most, and a cool grey-blue for near-white products.
  const [backgroundTop, backgroundBottom] =
    lum > 0.6
      ? [mixColours(hex, "#8497a8", 0.45), mixColours(hex, "#5d7183", 0.6)]
      : [mixColours(hex, "#ffffff", 0.84), mixColours(hex, "#ffffff", 0.64)];
  const dark = lum < 0.05;
  return {
    backgroundTop,
    backgroundBottom,
    body: hex,
    shade: dark ? mixColours(hex, "#ffffff", 0.16) : mixColours(hex, "#000000", 0.2),
    line: dark ? mixColours(hex, "#ffffff", 0.38) : mixColours(hex, "#000000", 0.42),
    light: "#f7f4ee",
    text: lum > 0.6 ? "#ffffff" : mixColours(backgroundBottom, "#000000", 0.62),
  };
}

function paths(list: readonly string[] | undefined, attributes: string): string {
  return (list ?? []).map((d) => `<path d="${d}" ${attributes}/>`).join("");
}

const VIEW_TRANSFORMS: Record<ArtView, string> = {
  // The 400 x 400 drawing box scaled to 660 x 660, its centre at (400, 470) above the brand name.
  front: "translate(70 140) scale(1.65)",
  // Box point (200, 170) lands at the canvas centre, magnified: a crop of the upper half.
  detail: "translate(-120 38) scale(2.6)",
  angle: "translate(400 470) rotate(-9) scale(1.5) translate(-200 -200)",
};

/** The SVG document of one product picture (ART_WIDTH x ART_HEIGHT). */
export function renderProductArt(art: ProductArt): string {
  const shape = SILHOUETTES[art.silhouette];
  const palette = paletteFor(art.colourHex);
  const random = createRandom(`${art.seed}:${art.view}`);

  const circles = Array.from({ length: random.int(2, 4) }, () => {
    const radius = random.int(90, 260);
    const cx = random.int(0, ART_WIDTH);
    const cy = random.int(0, 820);
    const opacity = (0.1 + random.next() * 0.16).toFixed(2);
    return `<circle cx="${cx}" cy="${cy}" r="${radius}" fill="#ffffff" fill-opacity="${opacity}"/>`;
  }).join("");

  const shadow =
    art.view === "detail" ? "" : `<ellipse cx="200" cy="362" rx="150" ry="12" fill="#000000" fill-opacity="0.14"/>`;
  const drawing =
    shadow +
    paths(shape.handles, `fill="none" stroke="${palette.line}" stroke-width="30" stroke-linecap="round"`) +
    paths(shape.handles, `fill="none" stroke="${palette.body}" stroke-width="22" stroke-linecap="round"`) +
    paths(shape.body, `fill="${palette.body}" stroke="${palette.line}" stroke-width="4" stroke-linejoin="round"`) +
    paths(shape.shade, `fill="${palette.shade}" stroke="${palette.line}" stroke-width="3" stroke-linejoin="round"`) +
    paths(shape.light, `fill="${palette.light}" stroke="${palette.line}" stroke-width="3" stroke-linejoin="round"`) +
    paths(
      shape.lines,
      `fill="none" stroke="${palette.line}" stroke-width="3" stroke-linecap="round" stroke-dasharray="${art.view === "detail" ? "6 5" : "none"}"`,
    );

  const band =
    art.view === "detail"
      ? `<rect x="0" y="836" width="${ART_WIDTH}" height="164" fill="${palette.backgroundBottom}" fill-opacity="0.9"/>`
      : "";
  const label = escapeXml(art.label);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ART_WIDTH}" height="${ART_HEIGHT}" viewBox="0 0 ${ART_WIDTH} ${ART_HEIGHT}" role="img" aria-label="${label}">`,
    `<title>${label}</title>`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0.35" y2="1">`,
    `<stop offset="0" stop-color="${palette.backgroundTop}"/><stop offset="1" stop-color="${palette.backgroundBottom}"/>`,
    `</linearGradient></defs>`,
    `<rect width="${ART_WIDTH}" height="${ART_HEIGHT}" fill="url(#bg)"/>`,
    circles,
    `<g transform="${VIEW_TRANSFORMS[art.view]}">${drawing}</g>`,
    band,
    `<text x="400" y="912" text-anchor="middle" font-family="ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="34" font-weight="600" letter-spacing="8" fill="${palette.text}">${escapeXml(art.brandName.toUpperCase())}</text>`,
    `</svg>`,
  ].join("");
}
