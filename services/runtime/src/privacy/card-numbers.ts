// Masks payment card numbers (PANs) in free text. A PAN here is 13–19 digits, optionally grouped by single
// spaces or dashes into groups of at least 3 digits, starting with 2–6 (Mastercard 2/5, Amex/Diners/JCB 3,
// Visa 4, Discover/UnionPay/Maestro 6) and passing the Luhn check. The IIN rule keeps epoch-millisecond
// timestamps (start with 1), zero-padded order ids and phone numbers (< 13 digits) intact. The last four
// digits stay visible, as PCI DSS allows.

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export const looksLikePan = (digits: string): boolean =>
  digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhnValid(digits);

export const panMask = (digits: string): string => `[PAN ****${digits.slice(-4)}]`;

/** Mask PANs inside one run of digit groups ("4111 1111 1111 1111 42"), trying contiguous group windows. */
function maskRun(run: string): string {
  const parts = run.split(/([ -])/); // groups at even indexes, separators at odd
  const groups = parts.filter((_, k) => k % 2 === 0);
  const seps = parts.filter((_, k) => k % 2 === 1);
  let out = '';
  let i = 0;
  while (i < groups.length) {
    let end = i;
    let token = groups[i] ?? '';
    for (let j = groups.length - 1; j >= i; j -= 1) {
      const window = groups.slice(i, j + 1);
      const digits = window.join('');
      if ((window.length === 1 || window.every((g) => g.length >= 3)) && looksLikePan(digits)) {
        end = j;
        token = panMask(digits);
        break;
      }
    }
    out += (i > 0 ? (seps[i - 1] ?? '') : '') + token;
    i = end + 1;
  }
  return out;
}

export function maskCardNumbers(text: string): string {
  if (!/\d{4}/.test(text) && !/\d[ -]\d/.test(text)) return text;
  return text.replace(/\d+(?:[ -]\d+)*/g, (run) => (run.replace(/\D/g, '').length >= 13 ? maskRun(run) : run));
}
