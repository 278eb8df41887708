// Bodies and BASE64 document values are UTF-8 (the ION envelope's characterSet, FORMAT-NOTES A 10). Bytes that
// are not valid UTF-8 are refused (400, limit `encoding`), never decoded with replacement characters, which
// would corrupt names and addresses without anyone noticing. A UTF-8 byte order mark is dropped.
import { AppError } from '@m3mage/runtime';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError('INPUT_LIMIT_EXCEEDED', `${what} is not valid UTF-8 (limit encoding: only UTF-8 is accepted)`, {
      details: { limit: 'encoding' },
    });
  }
}
