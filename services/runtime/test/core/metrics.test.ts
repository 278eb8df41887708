import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, createMetrics } from '../../src/core';

describe('createMetrics', () => {
  it('exposes every §7 metric name and Node defaults on its own registry', async () => {
    const m = createMetrics({ service: 'svc-a' });
    m.messagesTotal.inc({ service: 'svc-a', topic: 't', outcome: 'ack' });
    m.handlerSeconds.observe({ service: 'svc-a', topic: 't' }, 0.01);
    m.consumerLag.set({ group: 'g', topic: 't', partition: '0' }, 5);
    m.externalCallSeconds.observe({ system: 'm3', operation: 'CRS610MI/Add', status: '200' }, 0.2);
    m.breakerState.set({ system: 'm3', endpoint: 'mi' }, 2);
    m.retryTotal.inc({ service: 'svc-a', topic: 't', tier: '1' });
    m.dlqTotal.inc({ service: 'svc-a', topic: 't', code: 'M3_NOK' });
    m.ingestRequestsTotal.inc({ source: 'webhook', outcome: 'accepted' });
    m.producedTotal.inc({ service: 'svc-a', topic: 't', outcome: 'ok' });
    m.cardNumbersMasked.inc({ service: 'svc-a', field: 'billing_address.street' });
    const text = await m.text();
    for (const name of METRIC_NAMES) expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('pipeline_breaker_state{system="m3",endpoint="mi"} 2');
    expect(text).toContain('pipeline_dlq_total{service="svc-a",topic="t",code="M3_NOK"} 1');
    expect(text).toContain('pipeline_card_numbers_masked_total{service="svc-a",field="billing_address.street"} 1');
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('allows several instances side by side (no global registry)', async () => {
    const a = createMetrics({ service: 'a', collectDefaults: false });
    const b = createMetrics({ service: 'b', collectDefaults: false });
    a.retryTotal.inc({ service: 'a', topic: 't', tier: '1' });
    expect(await b.text()).not.toContain('service="a"');
    expect(await b.text()).not.toContain('process_cpu');
    expect(await a.text()).toContain('pipeline_retry_total{service="a",topic="t",tier="1"} 1');
  });
});
