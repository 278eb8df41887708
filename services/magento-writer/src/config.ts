// magento-writer configuration: the only file reading the environment (through loadConfig). The MAGENTO_*
// connection keys are the Magento connector's (one definition for every service that calls Magento).
import { baseServiceConfigSchema, envEnum, envInt } from '@m3mage/runtime';
import { checkMagentoConnection, magentoConnectionSchema } from '@m3mage/connectors/magento';
import { z } from 'zod';

export const configSchema = z
  .object({
    ...baseServiceConfigSchema.shape,
    HTTP_PORT: envInt(0, 65535, { example: '8105' }).default(8105),
    // Shipments and invoices can take Magento longer than a read (e-mails, totals): 15 s per call.
    ...magentoConnectionSchema({ timeoutMs: 15_000 }).shape,
    /**
     * Commands handled at once per partition, for every topic (distinct keys; one key is always one at a
     * time). It also bounds a source-item batch: at most this × the partitions of cmd.magento.source-item.v1
     * items wait for one call.
     */
    MAGENTO_WRITER_MAX_IN_FLIGHT: envInt(1, 1024, { example: '32' }).default(32),
    /**
     * Source items per `POST /V1/inventory/source-items`. With Magento's web API input limits on
     * (webapi/validation/input_limit_enabled) a list takes at most 20 entities: set 20 there.
     */
    /**
     * `msi`: sources and source items (MSI, batched); `single-source`: a store without MSI, whose one source
     * `default` is the legacy stock item (one call per item; source commands are skipped).
     */
    MAGENTO_INVENTORY_MODE: envEnum(['msi', 'single-source'] as const, { example: 'msi' }).default('msi'),
    MAGENTO_SOURCE_ITEMS_BATCH_SIZE: envInt(1, 5000, { example: '500' }).default(500),
    /** How long the first source item of a batch waits for others before the call (ms). */
    MAGENTO_SOURCE_ITEMS_WAIT_MS: envInt(0, 10_000, { example: '200' }).default(200),
  })
  .superRefine(checkMagentoConnection);

export type Config = z.infer<typeof configSchema>;
