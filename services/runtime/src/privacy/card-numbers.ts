// The one detector of payment card numbers (PANs) in free text, behind both the log scrubber and the masking
// of data taken from Magento (ADR 0009). A PAN here is 13–19 digits, optionally grouped by single spaces or
// dashes into groups of at least 3 digits, starting with 2–6 (Mastercard 2/5, Amex/Diners/JCB 3, Visa 4,
// Discover/UnionPay/Maestro 6) and passing the Luhn check. The IIN rule keeps epoch-millisecond timestamps
// (start with 1), zero-padded order ids and national phone numbers (start with 0) intact; digits right after
// a "+" are an international phone number, never the start of a PAN.
// Mask: every digit but the last four becomes "*", separators stay ("**** **** **** 1111"), so the text keeps
// its length (M3 fields are cut to length after mapping) and is visibly a mask; PCI DSS allows the last four.

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

/** "4111 1111 1111 1111" → "**** **** **** 1111": digits but the last four masked, everything else kept. */
export function maskPan(pan: string): string {
  let keep = 4;
  let out = '';
  for (let i = pan.length - 1; i >= 0; i -= 1) {
    const ch = pan.charAt(i);
    const digit = ch >= '0' && ch <= '9';
    out = (digit && keep <= 0 ? '*' : ch) + out;
    if (digit) keep -= 1;
  }
  return out;
}

export interface CardScan {
  /** The text with every card number masked. */
  text: string;
  /** How many card numbers were masked. */
  masked: number;
}

const MAX_PAN = 19;

/**
 * Masks PANs inside one run of digit groups ("4111 1111 1111 1111 42"): from each group, the longest window of
 * whole groups that is a PAN. Windows are bounded by 19 digits, so a huge run costs linear time.
 */
function maskRun(run: string, afterPlus: boolean): CardScan {
  const parts = run.split(/([ -])/); // groups at even indexes, separators at odd
  const groups = parts.filter((_, k) => k % 2 === 0);
  const seps = parts.filter((_, k) => k % 2 === 1);
  let out = '';
  let masked = 0;
  let i = 0;
  while (i < groups.length) {
    let end = i;
    let token = groups[i] ?? '';
    if (!(i === 0 && afterPlus)) {
      let last = i;
      let digits = (groups[i] ?? '').length;
      while (last + 1 < groups.length && digits + (groups[last + 1] ?? '').length <= MAX_PAN) {
        last += 1;
        digits += (groups[last] ?? '').length;
      }
      for (let j = last; j >= i; j -= 1) {
        const window = groups.slice(i, j + 1);
        if ((window.length === 1 || window.every((g) => g.length >= 3)) && looksLikePan(window.join(''))) {
          end = j;
          token = maskPan(window.map((g, k) => (k > 0 ? (seps[i + k - 1] ?? '') : '') + g).join(''));
          masked += 1;
          break;
        }
      }
    }
    out += (i > 0 ? (seps[i - 1] ?? '') : '') + token;
    i = end + 1;
  }
  return { text: out, masked };
}

/** Masks every card number in a text and says how many there were. */
export function scanCardNumbers(text: string): CardScan {
  if (!/\d{4}/.test(text) && !/\d[ -]\d/.test(text)) return { text, masked: 0 };
  let masked = 0;
  const out = text.replace(/\d+(?:[ -]\d+)*/g, (run: string, offset: number) => {
    if (run.replace(/\D/g, '').length < 13) return run;
    const scan = maskRun(run, offset > 0 && text.charAt(offset - 1) === '+');
    masked += scan.masked;
    return scan.text;
  });
  return { text: out, masked };
}

export const maskCardNumbers = (text: string): string => scanCardNumbers(text).text;
