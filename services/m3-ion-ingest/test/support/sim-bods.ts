// BODs produced by the M3 simulator's BOD builder: place an order through MI, ship and invoice it.
import { createM3Simulator, type M3Simulator } from '@m3mage/simulators/m3';

export interface CapturedBod {
  contentType: string;
  body: string;
}

export async function simulatorBods(format: 'xml' | 'ion-json' | 'ion-json-base64' = 'xml'): Promise<{
  sim: M3Simulator;
  bods: CapturedBod[];
  orno: string;
}> {
  const bods: CapturedBod[] = [];
  const sim = createM3Simulator({
    subscribers: [
      { name: 'test', url: 'http://ingest.invalid/ion/bod', format, nouns: ['SalesOrder', 'Shipment', 'Invoice'] },
    ],
    bodTransport: async (_url, init) => {
      bods.push({ contentType: init.headers['content-type'] ?? '', body: init.body });
      return 200;
    },
  });
  const exec = (program: string, tx: string, fields: Record<string, string>) =>
    sim.app.inject({
      method: 'GET',
      url: `/m3api-rest/execute/${program}/${tx}`,
      query: fields,
      headers: { authorization: `Basic ${Buffer.from('M3SIM:m3sim').toString('base64')}` },
    });
  const head = (await exec('OIS100MI', 'AddBatchHead', { CUNO: 'C000001', CUOR: '000000777' })).json<{
    MIRecord: Array<{ NameValue: Array<{ Name: string; Value: string }> }>;
  }>();
  const temp = head.MIRecord[0]?.NameValue.find((n) => n.Name === 'ORNO')?.Value.trim() ?? '';
  await exec('OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'ITM000001', ORQT: '2', WHLO: '100', SAPR: '19.90' });
  await exec('OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'ITM000002', ORQT: '1', WHLO: '100' });
  const conf = (await exec('OIS100MI', 'Confirm', { ORNO: temp })).json<{
    MIRecord: Array<{ NameValue: Array<{ Name: string; Value: string }> }>;
  }>();
  const orno = conf.MIRecord[0]?.NameValue.find((n) => n.Name === 'ORNO')?.Value.trim() ?? '';
  sim.fulfilment.ship(orno, { trackingNumbers: ['1ZTRACK0001', '1ZTRACK0002'], carrier: 'UPS' });
  sim.fulfilment.invoice(orno);
  await sim.publisher.idle();
  return { sim, bods, orno };
}
