// magento-writer configuration: the only file reading the environment (through loadConfig). The MAGENTO_*
// connection keys are the Magento connector's (one definition for every service that calls Magento).
import { baseServiceConfigSchema, envBool, envEnum, envInt } from '@m3mage/runtime';
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
     * time). It also bounds a source-item batch and a product bulk: at most this × the partitions of the
     * topic wait together. Calls to Magento stay bounded by MAGENTO_MAX_IN_FLIGHT whatever this is, so a
     * high value costs memory, not Magento load; 256 lets a backfill fill bulks of MAGENTO_BULK_CHUNK_SIZE
     * with many chunks in flight (6 partitions × 256).
     */
    MAGENTO_WRITER_MAX_IN_FLIGHT: envInt(1, 4096, { example: '256' }).default(256),
    /**
     * Backfill product commands (header `ingest-source: backfill`) through Magento's async bulk API
     * (`/async/bulk/V1/products`, Magento's consumer async.operations.all must run); false: one call each.
     */
    MAGENTO_BULK_ENABLED: envBool().default(true),
    /** Products per async bulk request (a chunk; at most 5000 with Magento's web API input limits on). */
    MAGENTO_BULK_CHUNK_SIZE: envInt(1, 5000, { example: '100' }).default(100),
    /** How long the first product of a chunk waits for others before the chunk is submitted (ms). */
    MAGENTO_BULK_LINGER_MS: envInt(0, 10_000, { example: '50' }).default(50),
    /** Between two `GET /V1/bulk/{uuid}/detailed-status` reads of a submitted bulk (ms). */
    MAGENTO_BULK_POLL_MS: envInt(10, 60_000, { example: '250' }).default(250),
    /**
     * How long a product waits for its bulk operation before its command is retried (ms); the bulk is
     * watched on and the repeat waits for it, so nothing is written twice.
     */
    MAGENTO_BULK_TIMEOUT_MS: envInt(100, 3_600_000, { example: '120000' }).default(120_000),
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
