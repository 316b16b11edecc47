import type { SearchRequest } from "@/lib/search/params";

type Key = keyof SearchRequest;

/** The parts of the request a form does not edit itself, as hidden inputs, so submitting keeps them. */
export function HiddenState({ request, omit }: { request: SearchRequest; omit: readonly Key[] }) {
  const inputs: [string, string][] = [];
  const keep = (key: Key) => !omit.includes(key);
  if (keep("q") && request.q) inputs.push(["q", request.q]);
  for (const key of ["category", "brand", "price", "colourFamily", "colour", "size", "audience"] as const) {
    if (keep(key)) for (const value of request[key]) inputs.push([key, value]);
  }
  if (keep("rating") && request.rating !== null) inputs.push(["rating", String(request.rating)]);
  if (keep("inStock") && request.inStock) inputs.push(["inStock", "1"]);
  if (keep("sort") && request.sort !== "relevance") inputs.push(["sort", request.sort]);
  // The words were already turned into filters: submitting must not read them again.
  if (keep("interpret") && !request.interpret && request.q) inputs.push(["interpret", "0"]);
  return (
    <>
      {inputs.map(([name, value], index) => (
        <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
