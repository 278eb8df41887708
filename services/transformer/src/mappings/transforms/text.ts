// Text transforms: fit M3's fixed field lengths or say why not.
import { phoneDigits, reject, transform } from '../kit';
import { charLength, squash } from '../kit/text-fit';

/** Trimmed text that fits `length` characters; longer text is rejected (never cut). */
export const fit = (length: number, what: string) =>
  transform<unknown, string>(`fit(${length})`, `trimmed; longer than ${length} characters → rejected`, (v) => {
    const s = squash(String(v));
    return charLength(s) <= length
      ? s
      : reject(`${what} '${s}' has ${charLength(s)} characters; M3 holds ${length}: shorten it in Magento`);
  });

/** "First Last" from an object with firstname/lastname (customer or address). */
export const personName = transform<{ firstname?: unknown; lastname?: unknown }, string>(
  'personName',
  'first name and last name, separated by a space',
  (v) => squash([v.firstname, v.lastname].filter((p) => typeof p === 'string').join(' ')) || null,
);

/** Phone number as M3 keeps it (PHNO A16): spaces, dots, dashes, slashes and brackets removed. */
export const phone = transform<unknown, string>(
  'phone',
  'spaces, dots, dashes, slashes and brackets removed; more than 16 characters → rejected',
  (v) => {
    const s = phoneDigits(String(v));
    if (s === '') return null;
    return s.length <= 16 ? s : reject(`phone number '${String(v)}' has ${s.length} digits; M3 PHNO holds 16`);
  },
);

/** E-mail, lower case, checked for shape and M3's MAIL length (A50). */
export const email = transform<unknown, string>(
  'email',
  'trimmed, lower case; not an e-mail address or longer than 50 characters → rejected',
  (v) => {
    const s = String(v).trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) return reject(`'${s}' is not an e-mail address`);
    return s.length <= 50 ? s : reject(`e-mail '${s}' has ${s.length} characters; M3 MAIL holds 50`);
  },
);
