import { useEffect, useState } from 'react';
import { registerServiceWorker } from '../pwa/register-sw.ts';

/**
 * Registers the service worker after first paint (production, top level only) and exposes its
 * news: ready for offline use, or an update waiting to be activated on the user's word.
 */
export function useServiceWorker(): { isOfflineReady: boolean; activateUpdate: (() => void) | null } {
  const [isOfflineReady, setIsOfflineReady] = useState(false);
  const [activateUpdate, setActivateUpdate] = useState<(() => void) | null>(null);
  useEffect(() => {
    void registerServiceWorker(window, {
      onOfflineReady: () => setIsOfflineReady(true),
      onUpdateReady: (activate) => setActivateUpdate(() => activate),
    });
  }, []);
  return { isOfflineReady, activateUpdate };
}
