import { randomUUID } from 'node:crypto';
import type { Bod } from './document';

export type BodFormat = 'xml' | 'ion-json' | 'ion-json-base64';

/** ION Messaging Service envelope (FORMAT-NOTES 10): the BOD inside `document.value`. */
export function ionEnvelope(bod: Bod, base64: boolean): Record<string, unknown> {
  return {
    documentName: `${bod.verb}.${bod.noun}`,
    messageId: randomUUID(),
    fromLogicalId: 'lid://infor.m3be.m3be',
    toLogicalId: 'lid://default',
    document: {
      value: base64 ? Buffer.from(bod.xml, 'utf8').toString('base64') : bod.xml,
      encoding: base64 ? 'BASE64' : 'NONE',
      characterSet: 'UTF-8',
    },
  };
}

export function encodeBod(bod: Bod, format: BodFormat): { contentType: string; body: string } {
  if (format === 'xml') return { contentType: 'application/xml; charset=utf-8', body: bod.xml };
  return { contentType: 'application/json', body: JSON.stringify(ionEnvelope(bod, format === 'ion-json-base64')) };
}
