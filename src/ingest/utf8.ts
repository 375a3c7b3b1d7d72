/**
 * True when `bytes` is well-formed UTF-8 as the WHATWG decoder defines it: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence at the end. O(n), no allocation;
 * ASCII runs are skipped quickly. Used to choose UTF-8 or the Windows-1252 fallback without
 * decoding a whole file into a string.
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time: no byte has its high bit set.
    while (i + 8 <= n && ((view.getUint32(i) | view.getUint32(i + 4)) & 0x80808080) === 0) i += 8;
    if (i >= n) break;
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i, n);
    if (length === 0) return false;
    i += length;
  }
  return true;
}

/**
 * Well-formed multi-byte sequences and bytes that start no well-formed sequence, over the whole
 * input: a Windows-1252 file has the second kind and almost none of the first (é alone is 0xE9),
 * a UTF-8 file with a few stray Windows-1252 bytes has many of the first. O(n).
 */
export function utf8Census(bytes: Uint8Array): { readonly multiByte: number; readonly invalid: number } {
  const n = bytes.length;
  let multiByte = 0;
  let invalid = 0;
  let i = 0;
  while (i < n) {
    if ((bytes[i] as number) < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i, n);
    if (length === 0) {
      invalid++;
      i++;
    } else {
      multiByte++;
      i += length;
    }
  }
  return { multiByte, invalid };
}

function isContinuation(bytes: Uint8Array, index: number, n: number): boolean {
  return index < n && ((bytes[index] as number) & 0xc0) === 0x80;
}

/* Length of the valid multi-byte sequence starting at i, or 0 when it is malformed. */
function sequenceLength(bytes: Uint8Array, i: number, n: number): number {
  const b = bytes[i] as number;
  const b1 = i + 1 < n ? (bytes[i + 1] as number) : -1;
  if (b >= 0xc2 && b <= 0xdf) return isContinuation(bytes, i + 1, n) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lower = b === 0xe0 ? 0xa0 : 0x80; // no overlongs
    const upper = b === 0xed ? 0x9f : 0xbf; // no surrogates
    return b1 >= lower && b1 <= upper && isContinuation(bytes, i + 2, n) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lower = b === 0xf0 ? 0x90 : 0x80;
    const upper = b === 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
    const ok = b1 >= lower && b1 <= upper && isContinuation(bytes, i + 2, n) && isContinuation(bytes, i + 3, n);
    return ok ? 4 : 0;
  }
  return 0;
}

/** Index ≤ `end` that does not split a UTF-8 sequence (for decoding a prefix of a file). */
export function utf8Boundary(bytes: Uint8Array, end: number): number {
  if (end >= bytes.length) return bytes.length;
  let lead = end - 1;
  while (lead >= 0 && end - lead <= 3 && ((bytes[lead] as number) & 0xc0) === 0x80) lead--;
  if (lead < 0) return end;
  const b = bytes[lead] as number;
  const expected = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return lead + expected <= end ? end : lead;
}
