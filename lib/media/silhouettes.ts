// Flat product silhouettes for the generated product pictures. Each is drawn in a 400 x 400 box with the
// product standing on y = 360. `body` is filled with the product colour and outlined, `shade` with a
// darker tone of it, `light` with an off-white (soles, a lamp's glow), `lines` are stroked details, and
// `handles` are thick strokes in the product colour (a mug handle, a backpack's grab loop).

/** The kinds of product a picture can show; every demo category names one (lib/seed/catalog-data.ts). */
export type Silhouette =
  | "tshirt"
  | "hoodie"
  | "jacket"
  | "trousers"
  | "sneaker"
  | "boot"
  | "backpack"
  | "bottle"
  | "beanie"
  | "mug"
  | "lamp"
  | "cushion";

export interface SilhouetteShape {
  body: readonly string[];
  shade?: readonly string[];
  light?: readonly string[];
  lines?: readonly string[];
  handles?: readonly string[];
}

const ribs = (from: number, to: number, step: number, y1: number, y2: number): string[] => {
  const lines: string[] = [];
  for (let x = from; x <= to; x += step) lines.push(`M${x} ${y1} L${x} ${y2}`);
  return lines;
};

export const SILHOUETTES: Readonly<Record<Silhouette, SilhouetteShape>> = {
  tshirt: {
    body: [
      "M142 58 L100 72 L36 124 L76 188 L112 168 L112 352 L288 352 L288 168 L324 188 L364 124 L300 72 L258 58 Q200 106 142 58 Z",
    ],
    shade: ["M142 58 Q200 106 258 58 L248 55 Q200 90 152 55 Z"],
    lines: ["M120 336 L280 336", "M56 156 L92 132", "M344 156 L308 132"],
  },
  hoodie: {
    body: [
      "M146 80 Q200 14 254 80 L304 94 L352 154 L372 334 L330 340 L312 202 L300 202 L300 356 L100 356 L100 202 L88 202 L70 340 L28 334 L48 154 L96 94 Z",
    ],
    shade: ["M166 90 Q200 136 234 90 Q200 58 166 90 Z", "M138 254 L262 254 L278 324 L122 324 Z"],
    lines: ["M190 120 L186 176", "M210 120 L214 176", "M100 338 L300 338", "M30 316 L70 322", "M370 316 L330 322"],
  },
  jacket: {
    body: [
      "M144 62 L172 50 L200 76 L228 50 L256 62 L304 86 L352 154 L372 334 L330 340 L312 192 L300 192 L300 356 L100 356 L100 192 L88 192 L70 340 L28 334 L48 154 L96 86 Z",
    ],
    shade: ["M172 50 L200 76 L186 114 L158 68 Z", "M228 50 L200 76 L214 114 L242 68 Z"],
    lines: [
      "M200 76 L200 356",
      "M124 254 L168 254",
      "M232 254 L276 254",
      "M100 336 L300 336",
      "M188 140 L196 140",
      "M188 200 L196 200",
    ],
  },
  trousers: {
    body: ["M128 44 L272 44 L300 356 L226 356 L200 144 L174 356 L100 356 Z"],
    shade: ["M128 44 L272 44 L274 70 L126 70 Z"],
    lines: [
      "M200 70 L200 144",
      "M142 80 Q162 122 188 86",
      "M258 80 Q238 122 212 86",
      "M104 336 L172 336",
      "M228 336 L296 336",
    ],
  },
  sneaker: {
    body: [
      "M48 270 C48 236 60 206 96 200 L168 188 C190 160 214 146 246 148 C262 176 290 196 330 210 C364 222 372 246 368 270 Z",
    ],
    shade: [
      "M48 270 C48 236 60 206 96 200 L112 198 L112 266 L48 266 Z",
      "M300 204 C330 212 362 224 368 262 L330 262 C330 240 318 222 300 214 Z",
    ],
    light: ["M40 264 L372 264 C374 286 366 300 344 300 L66 300 C48 300 40 290 40 264 Z"],
    lines: ["M178 184 L200 202", "M194 172 L216 190", "M210 162 L232 180", "M56 284 L356 284"],
  },
  boot: {
    body: ["M112 60 L236 60 L240 208 C246 228 270 236 300 242 L344 252 C366 258 370 276 368 296 L108 296 L108 210 Z"],
    shade: ["M112 60 L236 60 L237 90 L111 90 Z", "M300 242 L344 252 C366 258 370 276 368 292 L300 292 Z"],
    light: ["M100 290 L372 290 L372 316 C372 324 366 330 356 330 L116 330 C106 330 100 324 100 316 Z"],
    lines: ["M198 106 L234 114", "M198 132 L236 140", "M198 158 L238 166", "M198 184 L240 192", "M106 308 L366 308"],
  },
  backpack: {
    body: [
      "M124 118 C124 74 160 64 200 64 C240 64 276 74 276 118 L290 338 C290 352 280 360 266 360 L134 360 C120 360 110 352 110 338 Z",
    ],
    shade: [
      "M124 118 C124 86 160 80 200 80 C240 80 276 86 276 118 L278 152 L122 152 Z",
      "M146 230 L254 230 C262 230 266 235 266 242 L268 318 C268 327 262 332 254 332 L146 332 C138 332 132 327 132 318 L134 242 C134 235 138 230 146 230 Z",
    ],
    lines: ["M146 252 L254 252", "M168 152 L168 198", "M232 152 L232 198"],
    handles: ["M176 68 C176 34 224 34 224 68"],
  },
  bottle: {
    body: [
      "M150 88 L250 88 L258 112 C284 124 292 142 292 166 L292 336 C292 350 282 360 268 360 L132 360 C118 360 108 350 108 336 L108 166 C108 142 116 124 142 112 Z",
    ],
    shade: [
      "M164 38 L236 38 C242 38 246 42 246 48 L246 90 L154 90 L154 48 C154 42 158 38 164 38 Z",
      "M108 206 L292 206 L292 270 L108 270 Z",
    ],
    lines: ["M154 60 L246 60"],
    handles: ["M246 52 C276 52 276 84 246 84"],
  },
  beanie: {
    body: [
      "M84 270 C84 150 140 98 200 98 C260 98 316 150 316 270 Z",
      "M164 78 A36 36 0 1 0 236 78 A36 36 0 1 0 164 78 Z",
    ],
    shade: [
      "M72 258 L328 258 C334 258 338 262 338 268 L338 338 C338 344 334 348 328 348 L72 348 C66 348 62 344 62 338 L62 268 C62 262 66 258 72 258 Z",
    ],
    lines: [
      ...ribs(88, 312, 28, 270, 336),
      "M200 112 L200 256",
      "M142 126 C124 170 118 214 120 256",
      "M258 126 C276 170 282 214 280 256",
    ],
  },
  mug: {
    body: ["M96 122 L276 122 L270 330 C270 346 258 356 242 356 L130 356 C114 356 102 346 102 330 Z"],
    shade: ["M96 122 L276 122 L275 144 L97 144 Z"],
    lines: ["M150 98 C138 78 162 66 150 44", "M188 98 C176 78 200 66 188 44", "M226 98 C214 78 238 66 226 44"],
    handles: ["M274 170 C344 170 346 292 270 292"],
  },
  lamp: {
    body: ["M130 58 L270 58 L318 196 L82 196 Z"],
    shade: [
      "M192 196 L208 196 L208 324 L192 324 Z",
      "M112 346 C112 328 150 318 200 318 C250 318 288 328 288 346 L288 356 L112 356 Z",
    ],
    light: ["M96 196 L304 196 L276 216 L124 216 Z"],
    lines: ["M124 84 L276 84", "M100 170 L300 170"],
  },
  cushion: {
    body: ["M76 92 C150 70 250 70 324 92 C346 166 346 254 324 328 C250 350 150 350 76 328 C54 254 54 166 76 92 Z"],
    shade: ["M192 210 A8 8 0 1 0 208 210 A8 8 0 1 0 192 210 Z"],
    lines: [
      "M94 108 C156 90 244 90 306 108 C324 170 324 250 306 312 C244 330 156 330 94 312 C76 250 76 170 94 108 Z",
      "M200 210 L150 160",
      "M200 210 L250 160",
      "M200 210 L150 260",
      "M200 210 L250 260",
    ],
  },
};
