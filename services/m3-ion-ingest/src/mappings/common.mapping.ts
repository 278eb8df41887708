// The envelope of the BOD → change-data mappings: the document's identity (id, variationID), the op from
// actionCode, dates, and the Change<T> around the record a noun's table makes (mappings/*.mapping.ts).
import type { Bod } from '../bod/bod';
import { variationOf } from '../bod/bod';
import { at, text } from '../bod/xml';
import type { Change, Op } from '@m3mage/schemas/types';
import type { TopicName } from '@m3mage/topics/catalogue';

export class UnmappableBod extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappableBod';
  }
}

/** What a noun mapping yields: the record for the topic, its key (ORNO) and the document's identity. */
export interface MappedBod<T> {
  topic: TopicName;
  key: string;
  documentId: string;
  /** Canonical decimal string, compared as an exact integer (bod/variation.ts). */
  variationId: string;
  change: Change<T>;
  /** A delete (op d) is followed by a tombstone of the key (compacted topics of personal data). */
  tombstoneOnDelete?: boolean;
}

export function opOf(actionCode: string | undefined): Op {
  switch ((actionCode ?? '').toLowerCase()) {
    case 'add':
      return 'c';
    case 'delete':
      return 'd';
    default:
      return 'u'; // Change, Replace, none
  }
}

/** ISO date or date-time (`2025-01-15`, `2025-01-15T08:00:00Z`) → epoch ms (dates at 00:00 UTC). */
export function epochMs(value: string | undefined): number | null {
  if (!value) return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** Document id and variationID of the noun's identifier element (e.g. ShipmentHeader/DocumentID/ID). */
export function identity(bod: Bod, ...idPath: string[]): { documentId: string; variationId: string } {
  const documentId = text(bod.nounNode, ...idPath);
  if (documentId === undefined) throw new UnmappableBod(`${bod.noun}/${idPath.join('/')} is missing`);
  const variationId = variationOf(at(bod.nounNode, ...idPath), bod.bodId);
  if (variationId === undefined) throw new UnmappableBod(`${idPath.join('/')}/@variationID is missing`);
  return { documentId, variationId };
}

export function change<T>(bod: Bod, entity: string, id: string, variationId: string, value: T, now: number): Change<T> {
  const op = opOf(bod.actionCode);
  return {
    op,
    before: op === 'd' ? value : null,
    after: op === 'd' ? null : value,
    source: {
      system: 'M3',
      entity,
      id,
      version: variationId,
      eventId: bod.bodId,
      occurredAt: epochMs(bod.creationDateTime) ?? now,
      receivedAt: now,
    },
    tsMs: now,
  };
}
