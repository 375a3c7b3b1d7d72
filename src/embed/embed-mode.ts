/**
 * True when the app runs inside another page's iframe or was opened with `?embed=1`: then it shows
 * minimal chrome and must not rely on a service worker or storage (both are partitioned or denied
 * in third-party iframes).
 */
export function isEmbedded(win: Pick<Window, 'top' | 'self' | 'location'>): boolean {
  let isFramed: boolean;
  try {
    isFramed = win.top !== win.self;
  } catch {
    isFramed = true; // cross-origin access to top throws: we are framed
  }
  return isFramed || new URLSearchParams(win.location.search).get('embed') === '1';
}
