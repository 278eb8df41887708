// m3-writer configuration: the only file reading the environment (through loadConfig).
import { baseServiceConfigSchema, envEnum, envInt, envRetired, envString, withMeta } from '@m3mage/runtime';
import { m3ConnectionSchema } from '@m3mage/connectors/m3';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseServiceConfigSchema.shape,
  ...m3ConnectionSchema().shape,
  HTTP_PORT: envInt(0, 65535, { example: '8104' }).default(8104),
  M3_DIVISION: envString({ expected: 'DIVI (A3)', example: 'AAA' }),
  /** Business settings have one owner, the transformer's tables (docs/mappings.md): refused when still set. */
  M3_ORDER_TYPE: envRetired(
    'the order type is settings.orderType in services/transformer/src/mappings/tables/settings.ts',
  ),
  M3_FACILITY: envRetired('the command carries FACI; unset, M3 takes the order type’s facility'),
  M3_WAREHOUSE: envRetired(
    'each order line’s warehouse comes from table warehouseBySource (services/transformer/src/mappings/tables/warehouses.ts)',
  ),
  M3_CUSTOMER_TEMPLATE: envRetired(
    'the customer template is settings.customerTemplate in services/transformer/src/mappings/tables/settings.ts',
  ),
  /** `derived`: a new customer's CUNO is the prefix + a digest of its e-mail, so concurrent writers cannot
   *  create it twice (ADR 0008); `series`: M3's number series of the template decides. */
  M3_CUSTOMER_NUMBERING: envEnum(['derived', 'series'] as const, { example: 'derived' }).default('derived'),
  M3_CUSTOMER_NUMBER_PREFIX: withMeta(z.string().regex(/^[A-Z0-9]{1,4}$/), {
    expected: '1–4 upper-case letters or digits',
    example: 'MG',
  }).default('MG'),
  /** Records read by the LstByName / LstHead look-ups. */
  M3_LOOKUP_MAXRECS: envInt(1, 10_000, { example: '200' }).default(200),
  /** GLS840MI: interface name (INTN) of the payment posting. */
  M3_GL_INTERFACE: envString({ expected: 'INTN (A15)', example: 'MAGENTO' }).default('MAGENTO'),
  M3_GL_DEBIT_ACCOUNT: envRetired(
    'the accounts are table glAccountsByMethod in services/transformer/src/mappings/tables/gl-accounts.ts',
  ),
  M3_GL_CREDIT_ACCOUNT: envRetired(
    'the accounts are table glAccountsByMethod in services/transformer/src/mappings/tables/gl-accounts.ts',
  ),
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
