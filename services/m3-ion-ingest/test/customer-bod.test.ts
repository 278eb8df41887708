// SyncCustomerPartyMaster through the BOD ingest (in memory): a change is produced once, keyed by CUNO; a repeated
// one is stale; a Delete is an op d followed by a tombstone (personal data leaves the compacted topic); the noun is
// refused where customers are not enabled; and no log line carries the customer's name, e-mail or phone.
import { readFileSync } from 'node:fs';
import { createLogger, createMemoryTable, type OutgoingRecord, type Producer } from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { describe, expect, it } from 'vitest';
import { UnsupportedBod } from '../src/bod/bod';
import { createBodIngest } from '../src/ingest';
import { customerBodMappings, orderBodMappings } from '../src/mappings/index';
import { createVariationGuard } from '../src/state/variation-guard';

const golden = (name: string) =>
  readFileSync(new URL(`golden/customer-party-master/${name}.xml`, import.meta.url), 'utf8');

function rig(mappings = { ...orderBodMappings, ...customerBodMappings }) {
  const sent: OutgoingRecord[] = [];
  const lines: string[] = [];
  const producer = { send: async (r: OutgoingRecord) => void sent.push(r) } as unknown as Producer;
  const logger = createLogger({
    service: 't',
    version: '0',
    level: 'debug',
    destination: { write: (line: string) => void lines.push(line) },
  });
  const guard = createVariationGuard({ table: createMemoryTable<DocumentVersion>(), logger });
  return { sent, lines, ingest: createBodIngest({ producer, guard, logger, mappings }) };
}

describe('SyncCustomerPartyMaster ingest', () => {
  it('produces a change once, keyed by CUNO; the same BOD again is stale', async () => {
    const r = rig();
    const xml = golden('simulator-layout');
    expect(await r.ingest(xml, 'xml')).toMatchObject({ outcome: 'produced', document: 'CustomerPartyMaster:C000002' });
    expect(await r.ingest(xml, 'xml')).toMatchObject({ outcome: 'stale', variationId: '4' });
    expect(r.sent.map((s) => [s.topic, s.key])).toEqual([[TOPIC.cdcM3Customer, 'C000002']]);
    expect(r.sent[0]?.headers).toMatchObject({ 'ion-variation-id': '4' });
    expect(r.sent[0]?.meta).toMatchObject({ correlationId: 'C000002', eventType: 'SyncCustomerPartyMaster' });
    for (const secret of ['Björn', 'Dubois', 'example.com', '+46 8 2', 'Storgatan'])
      expect(r.lines.join('\n')).not.toContain(secret);
  });

  it('follows a Delete with a tombstone of the customer', async () => {
    const r = rig();
    expect(await r.ingest(golden('delete'), 'xml')).toMatchObject({ outcome: 'produced' });
    expect(r.sent.map((s) => [s.topic, s.key, s.value === null ? null : (s.value as { op: string }).op])).toEqual([
      [TOPIC.cdcM3Customer, 'C000002', 'd'],
      [TOPIC.cdcM3Customer, 'C000002', null],
    ]);
  });

  it('is not taken unless customers are enabled', async () => {
    const r = rig(orderBodMappings);
    await expect(r.ingest(golden('simulator-layout'), 'xml')).rejects.toThrow(UnsupportedBod);
    expect(r.sent).toEqual([]);
  });
});
