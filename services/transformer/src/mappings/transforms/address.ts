// Street lines into M3's CUA1..CUA4 (4 × 36) on word boundaries, without losing text.
import { reject, transform } from '../kit';
import { fitLines } from '../kit/text-fit';
import type { Address } from '@m3mage/schemas/types';

export const ADDRESS_LINES = 4;
export const ADDRESS_WIDTH = 36;

/**
 * Line `n` (1..4) of the street split. When the street cannot fit, line 1 rejects the document with the
 * reason and lines 2..4 stay empty (one problem, not four).
 */
export const streetLine = (n: number) =>
  transform<Pick<Address, 'street'>, string>(
    `streetLine(${n})`,
    `line ${n} of the street lines re-flowed on word boundaries into ${ADDRESS_LINES} × ${ADDRESS_WIDTH} characters (all text kept); if it cannot fit, the order is rejected`,
    (addr) => {
      const fitted = fitLines(addr.street, ADDRESS_LINES, ADDRESS_WIDTH);
      if (fitted.ok) return fitted.lines[n - 1] ?? null;
      if (n > 1) return null;
      return reject(
        `street '${addr.street.join(' / ')}' needs ${fitted.needed} lines of ${ADDRESS_WIDTH} characters; M3 holds ${ADDRESS_LINES} (CUA1–CUA4): shorten the address in Magento`,
      );
    },
  );
