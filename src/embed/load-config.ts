import { parseAllowedOrigins } from './protocol.ts';

/**
 * Reads the deployer's `embed.config.json` beside the page (same origin, never cached). A missing
 * or malformed file allows no host at all.
 */
export async function loadAllowedOrigins(baseUri: string): Promise<ReadonlySet<string>> {
  try {
    const response = await fetch(new URL('embed.config.json', baseUri), { cache: 'no-store' });
    return response.ok ? parseAllowedOrigins(await response.json()) : new Set();
  } catch {
    return new Set();
  }
}
