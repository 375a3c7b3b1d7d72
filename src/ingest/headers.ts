/**
 * Makes header names usable and unique without losing any: empty names become `column_N` (N the
 * 1-based position), repeats get the first free `.1`, `.2`… suffix (pandas' scheme), never taking
 * a name that another header already has. Names are otherwise kept verbatim, `__proto__` and HTML
 * included: they are data, rendered as text. Returns the names and the originals that changed.
 */
export function makeUniqueHeaders(raw: readonly string[]): { names: string[]; renamed: string[] } {
  const taken = new Set(raw.filter((name) => name.trim() !== ''));
  const used = new Set<string>();
  const names: string[] = [];
  const renamed: string[] = [];
  raw.forEach((original, index) => {
    const base = original.trim() === '' ? `column_${index + 1}` : original;
    let name = base;
    if (used.has(name) || (name !== original && taken.has(name))) {
      let suffix = 1;
      while (used.has(`${base}.${suffix}`) || taken.has(`${base}.${suffix}`)) suffix++;
      name = `${base}.${suffix}`;
    }
    if (name !== original) renamed.push(original === '' ? `(empty, column ${index + 1})` : original);
    used.add(name);
    names.push(name);
  });
  return { names, renamed };
}
