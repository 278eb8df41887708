// A phone number as M3 keeps it (PHNO): spaces, dots, dashes, slashes and brackets removed. One rule for the
// mapping that writes PHNO and for the writer that decides whether Magento's telephone differs from M3's.

/** `+46 (0)70-123 45.67` → `+460701234567`. */
export const phoneDigits = (value: string): string => value.replace(/[\s.\-/()]/g, '');

/** Whether two phone numbers are the same number written differently. */
export const samePhone = (a: string, b: string): boolean => phoneDigits(a) === phoneDigits(b);
