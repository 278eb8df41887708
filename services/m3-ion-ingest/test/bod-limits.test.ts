// Poison input is a 400 that names the limit it broke, logged once; never a 500 that ION would resend forever.
// An unexpected error is a 500 whose correlation id is in the answer and in exactly one error log line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, nestedBod, routeRig, type RouteRig } from './support/route-rig';

let rig: RouteRig;
beforeEach(async () => {
  rig = await routeRig();
});
afterEach(() => rig.close());

const envelopeJson = (xml: string | Buffer) =>
  JSON.stringify({
    documentName: 'Sync.Shipment',
    messageId: 'm1',
    fromLogicalId: 'lid://infor.m3be.m3be',
    toLogicalId: 'lid://default',
    document: { value: Buffer.from(xml).toString('base64'), encoding: 'BASE64', characterSet: 'UTF-8' },
  });
const envelopeXml = (xml: string) =>
  `<messageRequest><documentName>Sync.Shipment</documentName><messageId>m1</messageId>` +
  `<document><value>${Buffer.from(xml).toString('base64')}</value><encoding>BASE64</encoding></document></messageRequest>`;

const refusals = () => rig.logs.filter((l) => l.msg === 'BOD refused as malformed');

describe('parser limits', () => {
  it.each([
    ['a raw BOD', (xml: string) => rig.post(xml)],
    ['a BASE64 JSON envelope', (xml: string) => rig.post(envelopeJson(xml), 'application/json')],
    ['a BASE64 XML envelope', (xml: string) => rig.post(envelopeXml(xml))],
  ])('%s nested 101 levels is ingested; 102 levels is a 400 naming maxNestedTags, logged once', async (_w, send) => {
    const ok = await send(nestedBod(101));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'OK', outcome: 'produced' });

    const deep = await send(nestedBod(102));
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toEqual({
      status: 'ERROR',
      error: 'malformed',
      message: 'XML nested deeper than 100 elements (limit maxNestedTags)',
    });
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]).toMatchObject({ level: 'warn', limit: 'maxNestedTags' });
    expect(refusals()[0]?.['requestId']).toMatch(/^req-/);
    expect(rig.sent).toHaveLength(1);
  });

  it('refuses entity expansion (billion laughs) and external entities before parsing: limit doctype', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><SyncShipment>&lol3;</SyncShipment>';
    const external = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><SyncShipment>&xxe;</SyncShipment>';
    for (const body of [laughs, external, envelopeXml(external)]) {
      const res = await rig.post(body);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toBe(
        'DOCTYPE declarations are not accepted (no DTD, entity definitions or external entities)',
      );
    }
    const inJson = await rig.post(envelopeJson(laughs), 'application/json');
    expect(inJson.statusCode).toBe(400);
    expect(refusals().map((l) => l.limit)).toEqual(['doctype', 'doctype', 'doctype', 'doctype']);
  });

  it('refuses element names that would pollute prototypes: limit reservedNames', async () => {
    const res = await rig.post(fixture.replace('<oa:TrackingID>', '<__proto__>x</__proto__><oa:TrackingID>'));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toBe(
      '"__proto__" is not accepted as an element or attribute name (limit reservedNames)',
    );
  });

  it('refuses bytes that are not UTF-8, in the body and in a BASE64 value: limit encoding', async () => {
    const latin1 = Buffer.from(fixture.replace('ITM-Ä1', 'ITM-\u00c41'), 'latin1');
    const raw = await rig.post(latin1);
    expect(raw.statusCode).toBe(400);
    expect(raw.json<{ message: string }>().message).toBe(
      'body is not valid UTF-8 (limit encoding: only UTF-8 is accepted)',
    );
    const wrapped = await rig.post(envelopeJson(latin1), 'application/json');
    expect(wrapped.statusCode).toBe(400);
    expect(wrapped.json<{ message: string }>().message).toBe(
      'document.value (BASE64) is not valid UTF-8 (limit encoding: only UTF-8 is accepted)',
    );
    expect(rig.sent).toHaveLength(0);
    // The same BOD in UTF-8 (with a byte order mark) is fine.
    const utf8 = await rig.post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture)]));
    expect(utf8.statusCode).toBe(200);
  });
});

describe('unexpected errors', () => {
  it('are a 500 with a correlation id that is in exactly one error log line, with the request id', async () => {
    rig.failure.mode = 'bug';
    const res = await rig.post(fixture);
    expect(res.statusCode).toBe(500);
    const body = res.json<{ status: string; error: string; message: string }>();
    expect(body).toMatchObject({ status: 'ERROR', error: 'internal' });
    const id = /correlation id ([0-9a-f-]{36})/.exec(body.message)?.[1];
    expect(id).toBeDefined();
    const errors = rig.logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ correlationId: id });
    expect(errors[0]?.['requestId']).toMatch(/^req-/);
    expect(JSON.stringify(errors[0]!['err'])).toContain('reading');
  });

  it('a Kafka that does not acknowledge stays a 503 (retry), logged as a warning, not an error', async () => {
    rig.failure.mode = 'kafka';
    const res = await rig.post(fixture);
    expect(res.statusCode).toBe(503);
    expect(rig.logs.filter((l) => l.level === 'error')).toHaveLength(0);
    expect(
      rig.logs.filter((l) => l.level === 'warn' && l.msg === 'BOD not taken: Kafka did not acknowledge'),
    ).toHaveLength(1);
  });
});
