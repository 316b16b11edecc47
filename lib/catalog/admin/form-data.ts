// The product form posts flat, dotted names ("variants.2.sku", "options.0.name") so that every grid cell
// is an ordinary input, the values survive a failed submit as ActionResult.values (a flat record), and a
// zod issue path joined with dots names exactly the input to highlight. This turns those names back into
// nested objects and arrays, defensively: the names come from the browser and are attacker-controlled.

/** Highest array index accepted: "variants.99999999.sku" must not allocate a huge sparse array. */
export const MAX_FORM_INDEX = 199;

const KEY_SEGMENT = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const INDEX_SEGMENT = /^(?:0|[1-9]\d{0,2})$/;

type Node = { [key: string]: Node | string } | (Node | string)[];

/**
 * `{ "title": "Tee", "variants.0.sku": "A", "variants.1.sku": "B" }` -> `{ title: "Tee", variants: [{ sku: "A" }, { sku: "B" }] }`.
 * Names with any other shape (empty segments, "__proto__", indexes above MAX_FORM_INDEX, a segment that is
 * both a field and a list) are ignored. Holes in a list are dropped, so indexes stay what the form sent
 * only when the form numbered its rows 0..n-1, which the product form always does.
 */
export function unflattenForm(values: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, Node | string> = Object.create(null) as Record<string, Node | string>;
  for (const [name, value] of Object.entries(values)) {
    const segments = name.split(".");
    if (
      segments.length > 4 ||
      !segments.every((s, i) => (i === 0 ? KEY_SEGMENT.test(s) : KEY_SEGMENT.test(s) || INDEX_SEGMENT.test(s)))
    )
      continue;
    if (segments.some((s) => INDEX_SEGMENT.test(s) && Number(s) > MAX_FORM_INDEX)) continue;
    setPath(root, segments, value);
  }
  return compact(root) as Record<string, unknown>;
}

function setPath(root: Record<string, Node | string>, segments: string[], value: string): void {
  let current: Record<string, Node | string> | (Node | string)[] = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    const nextIsIndex = !last && INDEX_SEGMENT.test(segments[i + 1] as string);
    if (Array.isArray(current)) {
      if (!INDEX_SEGMENT.test(segment)) return;
      const index = Number(segment);
      if (last) {
        current[index] = value;
        return;
      }
      let child: Node | string | undefined = current[index];
      if (child === undefined) {
        child = nextIsIndex ? [] : (Object.create(null) as Record<string, Node>);
        current[index] = child;
      }
      if (typeof child === "string" || Array.isArray(child) !== nextIsIndex) return;
      current = child;
    } else {
      if (INDEX_SEGMENT.test(segment) && !KEY_SEGMENT.test(segment)) return;
      if (last) {
        if (current[segment] === undefined) current[segment] = value;
        return;
      }
      let child: Node | string | undefined = current[segment];
      if (child === undefined) {
        child = nextIsIndex ? [] : (Object.create(null) as Record<string, Node>);
        current[segment] = child;
      }
      if (typeof child === "string" || Array.isArray(child) !== nextIsIndex) return;
      current = child;
    }
  }
}

/** Plain objects (not null-prototype ones, which zod accepts but tests compare awkwardly) without holes. */
function compact(node: Node | string): unknown {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return node.filter((item) => item !== undefined).map(compact);
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, compact(child)]));
}
