// Limits of the JSON bodies the endpoints accept, checked on the raw text before JSON.parse: a Magento order
// payload nests about 10 levels (order > extension_attributes > shipping_assignments > shipping > address >
// street), so a body nested deeper than MAX_JSON_DEPTH is refused with 400 naming the limit — deep nesting
// otherwise reaches recursive code (mapping, hashing, error messages) and overflows the stack.
// JSON is UTF-8 (RFC 8259 §8.1): bytes that are not are refused, never decoded with replacement characters.
export const MAX_JSON_DEPTH = 100;

/** The deepest nesting of objects and arrays in JSON text (strings skipped); stops counting past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type JsonText = { ok: true; text: string } | { ok: false; limit: 'encoding' | 'maxDepth'; message: string };

/** The body as JSON text within the limits, or the limit it breaks (answered 400 `malformed`). */
export function jsonText(raw: Uint8Array): JsonText {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, limit: 'encoding', message: 'body is not valid UTF-8 (limit encoding: JSON must be UTF-8)' };
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    return {
      ok: false,
      limit: 'maxDepth',
      message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels (limit maxDepth)`,
    };
  }
  return { ok: true, text };
}
