/* foldText's ASCII shortcut must give the key the full NFD fold gives. */
import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/core/profile/alerts.ts';

const fullFold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

describe('foldText', () => {
  it.each([' Madrid ', 'MADRID', 'text 12, part 3', '\tA\n', 'Málaga', 'ÁRBOL ', 'Ångström', 'naïve', 'ﬁn', ''])(
    'folds %j as the full normalisation does',
    (text) => {
      expect(foldText(text)).toBe(fullFold(text));
    },
  );
});
