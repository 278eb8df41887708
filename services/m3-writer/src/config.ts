// m3-writer configuration: the only file reading the environment (through loadConfig).
import { baseServiceConfigSchema, envEnum, envInt, envString, withMeta } from '@m3mage/runtime';
import { m3ConnectionSchema } from '@m3mage/connectors/m3';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseServiceConfigSchema.shape,
  ...m3ConnectionSchema().shape,
  HTTP_PORT: envInt(0, 65535, { example: '8104' }).default(8104),
  M3_DIVISION: envString({ expected: 'DIVI (A3)', example: 'AAA' }),
  M3_ORDER_TYPE: envString({ expected: 'ORTP (A3)', example: 'A01' }).default('A01'),
  M3_FACILITY: envString({ expected: 'FACI (A3)', example: 'A01' }).optional(),
  M3_WAREHOUSE: envString({ expected: 'default WHLO (A3)', example: '100' }).optional(),
  M3_CUSTOMER_TEMPLATE: envString({ expected: 'CUTM (A10)', example: 'TEMPLATE' }).default('TEMPLATE'),
  /** `derived`: a new customer's CUNO is the prefix + a digest of its e-mail, so concurrent writers cannot
   *  create it twice (ADR 0008); `series`: M3's number series of the template decides. */
  M3_CUSTOMER_NUMBERING: envEnum(['derived', 'series'] as const, { example: 'derived' }).default('derived'),
  M3_CUSTOMER_NUMBER_PREFIX: withMeta(z.string().regex(/^[A-Z0-9]{1,4}$/), {
    expected: '1–4 upper-case letters or digits',
    example: 'MG',
  }).default('MG'),
  /** Records read by the LstByName / LstHead look-ups. */
  M3_LOOKUP_MAXRECS: envInt(1, 10_000, { example: '200' }).default(200),
  /** GLS840MI: interface name (INTN) and the accounts (AIT1) of the payment posting. */
  M3_GL_INTERFACE: envString({ expected: 'INTN (A15)', example: 'MAGENTO' }).default('MAGENTO'),
  M3_GL_DEBIT_ACCOUNT: envString({ expected: 'AIT1 (A10), cash/clearing', example: '1930' }),
  M3_GL_CREDIT_ACCOUNT: envString({ expected: 'AIT1 (A10), receivable', example: '1510' }),
  /** Resuming a failed order-entry step in place (M3 unwell, record locked) before the retry tiers. */
  M3_ORDER_RESUME_RETRIES: envInt(0, 100, { example: '4' }).default(4),
  M3_ORDER_RESUME_BUDGET_MS: envInt(0, 600_000, { example: '30000' }).default(30_000),
  /** Abandoned batch orders (state.m3-writer.batch-orders.v1 entries older than the grace period): deleted
   *  from M3 (`delete`) or only reported (`report`); the sweep runs every interval. The grace period must be
   *  longer than RETRY_OUTAGE_WAIT_MS plus the retry tier delays. */
  M3_BATCH_CLEANUP: envEnum(['delete', 'report'] as const, { example: 'delete' }).default('delete'),
  M3_BATCH_GRACE_MS: envInt(60_000, 30 * 24 * 3_600_000, { example: '3600000' }).default(3_600_000),
  M3_BATCH_CLEANUP_INTERVAL_MS: envInt(1_000, 24 * 3_600_000, { example: '300000' }).default(300_000),
  /** Consumer tuning. */
  M3_WRITER_MAX_IN_FLIGHT: envInt(1, 1024, { example: '16' }).default(16),
});

export type Config = z.infer<typeof configSchema>;
