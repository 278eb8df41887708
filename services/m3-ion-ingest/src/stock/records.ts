// M3 warehouses and balances as the change records carry them (m3mage.m3.Warehouse, m3mage.m3.Balance), from
// MI records of MMS005MI LstWarehouses and of the balance readers (MMS200MI LstItmWhsByWhgr / GetItmWhsBal,
// MMS060MI LstSumQty), and from the inventory BOD (its balances read into the same MI field names).
// Quantities are normalised exactly (no float); blanks become null.
import type { OutgoingRecord } from '@m3mage/runtime';
import { normalizeText } from '@m3mage/runtime/mapping';
import type { MiRecord } from '@m3mage/connectors/m3';
import type { Balance, Change, Op, Warehouse } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';

/** Why an MI record cannot become a change (no key, a quantity that is not a number). */
export class UnreadableRecord extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableRecord';
  }
}

const text = (v: string | undefined): string | null => {
  const t = v?.trim() ?? '';
  return t === '' ? null : t;
};

function quantity(rec: MiRecord, field: string, what: string, required: boolean): string | null {
  const t = text(rec[field]);
  if (t === null) {
    if (required) throw new UnreadableRecord(`${what}: ${field} is missing`);
    return null;
  }
  try {
    return normalizeText(t);
  } catch {
    throw new UnreadableRecord(`${what}: ${field} "${t}" is not a decimal number`);
  }
}

/** A warehouse without its version (the poller stamps it). */
export function warehouseOf(rec: MiRecord): Omit<Warehouse, 'changeStamp'> {
  const whlo = text(rec.WHLO);
  if (!whlo) throw new UnreadableRecord('warehouse record without WHLO');
  return {
    whlo,
    name: text(rec.WHNM) ?? whlo,
    division: text(rec.DIVI),
    facility: text(rec.FACI),
    warehouseType: text(rec.WHTY),
    addressLines: ['ADR1', 'ADR2', 'ADR3', 'ADR4'].map((f) => text(rec[f])).filter((l): l is string => l !== null),
    town: text(rec.TOWN),
    postcode: text(rec.PONO),
    country: text(rec.CSCD),
  };
}

/** A balance without its version (the poller stamps it). */
export function balanceOf(rec: MiRecord, reader: string): Omit<Balance, 'changeStamp'> {
  const whlo = text(rec.WHLO);
  const itno = text(rec.ITNO);
  if (!whlo || !itno) throw new UnreadableRecord(`${reader} record without ${whlo ? 'ITNO' : 'WHLO'}`);
  const what = `balance ${itno}@${whlo}`;
  return {
    whlo,
    itno,
    onHand: quantity(rec, 'STQT', what, true) ?? '0',
    allocated: quantity(rec, 'ALQT', what, false) ?? '0',
    allocatable: quantity(rec, 'AVAL', what, false),
    allocatableNet: quantity(rec, 'AV01', what, false),
    reader,
  };
}

/** TRDT (yyyyMMdd) + TRTM (HHmmss) of the last stock transaction → epoch ms (read as UTC); undefined if blank. */
export function transactionAt(trdt: string | undefined, trtm: string | undefined): number | undefined {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(trdt?.trim() ?? '');
  if (!d || Number(d[1]) === 0) return undefined;
  const t = /^(\d{1,6})$/.exec(trtm?.trim() || '0');
  const hms = (t?.[1] ?? '0').padStart(6, '0');
  const at = Date.UTC(
    Number(d[1]),
    Number(d[2]) - 1,
    Number(d[3]),
    Number(hms.slice(0, 2)),
    Number(hms.slice(2, 4)),
    Number(hms.slice(4, 6)),
  );
  return Number.isFinite(at) ? at : undefined;
}

interface Polled<T> {
  value: T;
  key: string;
  entity: 'warehouse' | 'stock';
  at: number;
  poller: string;
  receivedAt: number;
  /** Pushed by M3 rather than polled (the inventory BOD): its op, event id (BODID) and ION headers. */
  pushed?: { op: Op; eventId: string; headers: Record<string, string> };
}

function polledRecord<T extends { changeStamp: string }>(topic: string, eventType: string, p: Polled<T>) {
  const eventId = p.pushed?.eventId ?? `mi:${p.poller}:${p.key}:${p.value.changeStamp}`;
  const op = p.pushed?.op ?? 'u';
  const record: OutgoingRecord<Change<T>> = {
    topic,
    key: p.key,
    value: {
      op,
      before: op === 'd' ? p.value : null,
      after: op === 'd' ? null : p.value,
      source: {
        system: 'M3',
        entity: p.entity,
        id: p.key,
        version: p.value.changeStamp,
        eventId,
        occurredAt: p.at,
        receivedAt: p.receivedAt,
      },
      tsMs: p.receivedAt,
    },
    meta: {
      correlationId: p.key,
      causationId: eventId,
      eventType,
      sourceSystem: 'M3',
      occurredAt: new Date(p.at),
      entityVersion: p.value.changeStamp,
    },
    headers: p.pushed?.headers ?? { 'ingest-source': 'mi-poll' },
  };
  return record;
}

export const warehouseRecord = (p: Omit<Polled<Warehouse>, 'key' | 'entity'>): OutgoingRecord<Change<Warehouse>> =>
  polledRecord(TOPIC.cdcM3Warehouse, 'M3WarehouseChange', { ...p, key: p.value.whlo, entity: 'warehouse' });

/** Key of a balance on cdc.m3.stock.v1 (and in the state table, prefixed `stock:`). */
export const balanceKey = (b: Pick<Balance, 'itno' | 'whlo'>): string => `${b.itno}@${b.whlo}`;

export const balanceRecord = (p: Omit<Polled<Balance>, 'key' | 'entity'>): OutgoingRecord<Change<Balance>> =>
  polledRecord(TOPIC.cdcM3Stock, 'M3BalanceChange', { ...p, key: balanceKey(p.value), entity: 'stock' });
