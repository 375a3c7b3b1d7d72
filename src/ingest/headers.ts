/**
 * Makes header names usable and unique without losing any: empty names become `column_N` (N the
 * 1-based position), repeats get `.1`, `.2`… as pandas does. Names are otherwise kept verbatim,
 * `__proto__` and HTML included: they are data, rendered as text. Returns the names and how many
 * were changed.
 */
export function makeUniqueHeaders(raw: readonly string[]): { names: string[]; renamed: string[] } {
  const seen = new Set<string>();
  const names: string[] = [];
  const renamed: string[] = [];
  raw.forEach((original, index) => {
    let name = original.trim() === '' ? `column_${index + 1}` : original;
    if (seen.has(name)) {
      let suffix = 1;
      while (seen.has(`${name}.${suffix}`)) suffix++;
      name = `${name}.${suffix}`;
    }
    if (name !== original) renamed.push(original === '' ? `(empty, column ${index + 1})` : original);
    seen.add(name);
    names.push(name);
  });
  return { names, renamed };
}
