// Named transforms of BOD values: whole numbers, dates, change stamps. A refusal names the value; the refusal
// message puts the element's XPath before it (mappings/refusal.ts).
import { reject, transform } from '@m3mage/runtime/mapping';
import { fromIso, type ChangeStamp } from '../../items/change-stamp';
import { epochMs } from '../common.mapping';

export const wholeNumber = transform<string, number>(
  'wholeNumber',
  'digits only → the number; anything else refuses the BOD',
  (v) => (/^\d+$/.test(v) ? Number(v) : reject(`"${v}" is not a whole number`)),
);

export const toEpochMs = transform<string, number>(
  'toEpochMs',
  'ISO-8601 date (00:00 UTC) or date-time → epoch ms; anything else refuses the BOD',
  (v) => epochMs(v) ?? reject(`"${v}" is not a date`),
);

export const toEpochMsIfDate = transform<string, number>(
  'toEpochMsIfDate',
  'ISO-8601 date (00:00 UTC) or date-time → epoch ms; anything else counts as empty',
  (v) => epochMs(v),
);

export const yearOf = transform<string, number>('yearOf', 'the year: the first four characters', (v) =>
  Number(v.slice(0, 4)),
);

export const isoChangeStamp = transform<string, ChangeStamp>(
  'isoChangeStamp',
  'ISO-8601 date-time with a zone → the change stamp (epoch ms); anything else counts as empty',
  (v) => fromIso(v),
);
