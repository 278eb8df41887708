import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLifecycle, type SignalSource } from '../../src/lifecycle/lifecycle';

const logger = pino({ level: 'silent' });

describe('lifecycle', () => {
  it('stops components in reverse registration order on SIGTERM and exits 0', async () => {
    const signals = new EventEmitter() as EventEmitter & SignalSource;
    const order: string[] = [];
    const exited = new Promise<number>((resolve) => {
      const lc = createLifecycle({ logger, deadlineMs: 1000, signals, exit: resolve });
      lc.register('producer', () => void order.push('producer'));
      lc.register('consumer', async () => {
        await new Promise((r) => setTimeout(r, 20));
        order.push('consumer');
      });
      lc.register('http', () => void order.push('http'));
      lc.installSignalHandlers();
    });
    signals.emit('SIGTERM');
    signals.emit('SIGINT'); // a second signal does not start a second shutdown
    expect(await exited).toBe(0);
    expect(order).toEqual(['http', 'consumer', 'producer']);
  });

  it('keeps going when a component fails, and reports a missed deadline', async () => {
    const order: string[] = [];
    const lc = createLifecycle({ logger, deadlineMs: 50 });
    lc.register('a', () => void order.push('a'));
    lc.register('b', () => {
      throw new Error('boom');
    });
    expect(await lc.shutdown('test')).toBe(false);
    expect(order).toEqual(['a']);
    expect(lc.isStopping()).toBe(true);

    const slow = createLifecycle({ logger, deadlineMs: 50 });
    slow.register('stuck', () => new Promise((r) => setTimeout(r, 500)));
    expect(await slow.shutdown('test')).toBe(false);
  });
});
