// The order-command handler's action table: each branch of the command's action union finds its row, and a
// branch this build has no row for is refused before Magento is called.
import { describe, expect, it } from 'vitest';
import { AppError, createLogger, type InboundMessage } from '@m3mage/runtime';
import type { MagentoOrderCommand } from '@m3mage/schemas/types';
import type { MagentoClient } from '../src/clients/magento.client';
import type { MagentoOrder } from '../src/clients/types';
import { orderCommandHandler } from '../src/handlers/order-command.handler';

const order: MagentoOrder = { entity_id: 5, increment_id: '000000005', state: 'new', status: 'pending', items: [] };

function fakeMagento() {
  const calls: string[] = [];
  const magento = {
    orderByIncrementId: async (id: string) => {
      calls.push(`order ${id}`);
      return order;
    },
    comment: async (id: number, history: { comment: string }) => {
      calls.push(`comment ${id} ${history.comment}`);
    },
  } as unknown as MagentoClient;
  return { magento, calls };
}

const command = (action: unknown): InboundMessage<MagentoOrderCommand> => ({
  topic: 'cmd.magento.order.v1',
  partition: 0,
  offset: '1',
  key: '000000005',
  headers: {},
  attempt: 1,
  value: {
    meta: { commandId: 'c1', idempotencyKey: 'k1', correlationId: '000000005', causationId: 'e1', issuedAt: 0 },
    incrementId: '000000005',
    action: action as MagentoOrderCommand['action'],
  },
});

const logger = createLogger({ service: 'test', version: '0', level: 'silent' });

describe('order-command handler', () => {
  it('runs the row of the action (a comment, with the idempotency marker)', async () => {
    const { magento, calls } = fakeMagento();
    const handler = orderCommandHandler({ magento, logger });
    const result = await handler(
      command({
        'm3mage.commands.AddOrderComment': { comment: 'Shipped from M3', status: null, notifyCustomer: false },
      }),
    );
    expect(result).toEqual({ outcome: 'ack' });
    expect(calls[0]).toBe('order 000000005');
    expect(calls[1]).toMatch(/^comment 5 Shipped from M3 /);
  });

  it('refuses an action it has no row for, naming it, without calling Magento', async () => {
    const { magento, calls } = fakeMagento();
    const handler = orderCommandHandler({ magento, logger });
    const err = await handler(command({ 'm3mage.commands.CancelOrder': {} })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION', details: { action: 'm3mage.commands.CancelOrder' } });
    expect((err as Error).message).toBe('order 000000005: magento-writer has no action m3mage.commands.CancelOrder');
    expect(calls).toEqual([]);
  });
});
