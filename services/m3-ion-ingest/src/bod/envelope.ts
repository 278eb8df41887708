// What arrives at the BOD endpoint (FORMAT-NOTES A 10): a raw BOD (XML), or an ION Messaging Service
// envelope {documentName, messageId, fromLogicalId, toLogicalId, document:{value, encoding, characterSet}}
// as JSON or as XML <messageRequest>, with the BOD in document.value (plain text or BASE64).
import { z } from 'zod';
import { decodeUtf8 } from './encoding';
import { at, parseXml, rootOf, text, XmlError } from './xml';

export interface Unwrapped {
  xml: string;
  envelope?: { documentName: string; messageId?: string; fromLogicalId?: string };
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const envelopeSchema = z.object({
  documentName: z.string().min(1),
  messageId: z.string().optional(),
  fromLogicalId: z.string().optional(),
  toLogicalId: z.string().optional(),
  document: z.object({
    value: z.string().min(1),
    encoding: z.enum(['NONE', 'BASE64']).default('NONE'),
    characterSet: z.string().default('UTF-8'),
  }),
});

function decodeValue(value: string, encoding: 'NONE' | 'BASE64', characterSet: string): string {
  if (encoding === 'NONE') return value;
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new EnvelopeError('document.value is not valid BASE64');
  }
  const cs = characterSet.toLowerCase().replace('-', '');
  if (cs !== 'utf8' && cs !== 'usascii')
    throw new EnvelopeError(`characterSet ${characterSet} is not supported (UTF-8)`);
  return decodeUtf8(Buffer.from(compact, 'base64'), 'document.value (BASE64)');
}

function fromEnvelope(raw: unknown): Unwrapped {
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new EnvelopeError(`ION envelope invalid — ${where}`);
  }
  const e = parsed.data;
  return {
    xml: decodeValue(e.document.value, e.document.encoding, e.document.characterSet),
    envelope: {
      documentName: e.documentName,
      ...(e.messageId ? { messageId: e.messageId } : {}),
      ...(e.fromLogicalId ? { fromLogicalId: e.fromLogicalId.trim() } : {}),
    },
  };
}

export function unwrapJson(body: string): Unwrapped {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new EnvelopeError(`body is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return fromEnvelope(json);
}

/** Raw BOD, or an XML <messageRequest> envelope around one. */
export function unwrapXml(body: string): Unwrapped {
  if (!/<(?:\w+:)?messageRequest[\s>]/.test(body.slice(0, 2048))) return { xml: body };
  const { name, node } = rootOf(parseXml(body));
  if (name !== 'messageRequest') throw new XmlError(`root element <${name}> is not messageRequest`);
  const doc = at(node, 'document');
  return fromEnvelope({
    documentName: text(node, 'documentName'),
    messageId: text(node, 'messageId'),
    fromLogicalId: text(node, 'fromLogicalId'),
    toLogicalId: text(node, 'toLogicalId'),
    document: {
      value: text(doc, 'value'),
      encoding: text(doc, 'encoding') ?? 'NONE',
      characterSet: text(doc, 'characterSet') ?? 'UTF-8',
    },
  });
}
