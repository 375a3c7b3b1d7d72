/*
 * Service worker registration (production builds only, never when embedded: third-party iframes
 * get partitioned or denied service workers, and the app works fully without one). An update is
 * offered through `onUpdateReady`; the page reloads only when the caller accepts it.
 */
import { isEmbedded } from '../embed/embed-mode.ts';

export interface ServiceWorkerCallbacks {
  /** The app is cached: it will open offline from now on. */
  readonly onOfflineReady?: () => void;
  /** A new version waits; call `activate` (when no analysis runs) to switch and reload. */
  readonly onUpdateReady?: (activate: () => void) => void;
}

/** True where registering makes sense: a production build, top-level, with service worker support. */
export function canUseServiceWorker(win: Window): boolean {
  return import.meta.env.PROD && !isEmbedded(win) && 'serviceWorker' in win.navigator;
}

/** Registers `sw.js` beside the page with workbox-window, loaded lazily after first paint. */
export async function registerServiceWorker(win: Window, callbacks: ServiceWorkerCallbacks = {}): Promise<void> {
  if (!canUseServiceWorker(win)) return;
  const { Workbox } = await import('workbox-window');
  const workbox = new Workbox(new URL('sw.js', win.document.baseURI).href, { scope: './' });
  workbox.addEventListener('installed', (event) => {
    if (event.isUpdate !== true) callbacks.onOfflineReady?.();
  });
  workbox.addEventListener('waiting', (event) => {
    callbacks.onUpdateReady?.(() => {
      let isReloading = false;
      const reload = (): void => {
        if (isReloading) return;
        isReloading = true;
        win.location.reload();
      };
      // A page the old worker controls hears 'controlling'. A page nothing controls yet (the visit
      // that installed the first version) never does, so also reload once the new worker is active.
      workbox.addEventListener('controlling', reload);
      event.sw?.addEventListener('statechange', () => {
        if (event.sw?.state === 'activated') reload();
      });
      workbox.messageSkipWaiting();
    });
  });
  try {
    await workbox.register();
  } catch (error) {
    // Sandboxed or cross-origin frames, private modes: the app works without a service worker.
    console.warn('Service worker not registered:', error);
  }
}
