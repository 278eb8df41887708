// magento-writer configuration: the only file reading the environment (through loadConfig). The MAGENTO_*
// connection keys are the Magento connector's (one definition for every service that calls Magento).
import { baseServiceConfigSchema, envInt } from '@m3mage/runtime';
import { checkMagentoConnection, magentoConnectionSchema } from '@m3mage/connectors/magento';
import { z } from 'zod';

export const configSchema = z
  .object({
    ...baseServiceConfigSchema.shape,
    HTTP_PORT: envInt(0, 65535, { example: '8105' }).default(8105),
    // Shipments and invoices can take Magento longer than a read (e-mails, totals): 15 s per call.
    ...magentoConnectionSchema({ timeoutMs: 15_000 }).shape,
    /** Commands handled at once (distinct orders; one order is always one at a time). */
    MAGENTO_WRITER_MAX_IN_FLIGHT: envInt(1, 1024, { example: '32' }).default(32),
  })
  .superRefine(checkMagentoConnection);

export type Config = z.infer<typeof configSchema>;
