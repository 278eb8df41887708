// m3-ion-ingest configuration: the only file reading the environment (through loadConfig).
import { baseServiceConfigSchema, envBool, envCsv, envEnum, envInt, envSecret, envString } from '@m3mage/runtime';
import { m3ConnectionSchema } from '@m3mage/connectors/m3';
import { z } from 'zod';
import { splitVerbNoun } from './bod/bod';
import { bodMappings } from './mappings/index';

/** Nouns with a mapping of their own (mappings/index.ts): not available as STOCK_BOD_NOUN. */
const MAPPED_NOUNS = Object.keys(bodMappings).map((name) => splitVerbNoun(name)?.noun);

/** The M3 keys are needed only for items (price reads, the item poll): order BODs need no M3 connection. */
const m3Keys = m3ConnectionSchema().partial({ M3_IONAPI_FILE: true, M3_COMPANY: true }).shape;

/** Where an item's price is read: the keys m3-ion-ingest and the item backfill (infra/backfill) share. */
export const itemPriceKeys = {
  /** Where an item's sales price is read: the item's own SAPR (MMS200MI GetItmPrice) or a price list (OIS017MI). */
  ITEM_PRICE_SOURCE: envEnum(['MMS200MI', 'OIS017MI'] as const, { example: 'MMS200MI' }).default('MMS200MI'),
  /** OIS017MI: the price list (PRRF A10) and currency (CUCD A3). */
  ITEM_PRICE_LIST: envString({ expected: 'PRRF (A10)', example: 'WEB' }).optional(),
  ITEM_PRICE_CURRENCY: envString({ expected: 'CUCD (A3)', example: 'EUR' }).optional(),
  /** OIS017MI: an item missing from the list (or 0 there) takes MMS200MI SAPR, or has no price (`none`). */
  ITEM_PRICE_FALLBACK: envEnum(['MMS200MI', 'none'] as const, { example: 'MMS200MI' }).default('MMS200MI'),
};

export const configSchema = z
  .object({
    ...baseServiceConfigSchema.shape,
    HTTP_PORT: envInt(0, 65535, { example: '8102' }).default(8102),
    /** ION (or the simulator) sends `Authorization: Bearer <token>`; at least this or Basic must be set. */
    ION_INGEST_BEARER_TOKEN: envSecret({ example: 'a long random string' }).optional(),
    ION_INGEST_BASIC_USER: envString({ example: 'ion' }).optional(),
    ION_INGEST_BASIC_PASSWORD: envSecret().optional(),
    /** Largest accepted request body (413 above). */
    ION_INGEST_BODY_LIMIT_BYTES: envInt(1024, 100 * 1024 * 1024, { example: '5242880' }).default(5 * 1024 * 1024),
    /** URL path of the BOD endpoint. */
    ION_INGEST_PATH: envString({ example: '/ion/bod' }).default('/ion/bod'),
    // M3 MI (items: SyncItemMaster BODs and the item poll are taken only when M3_IONAPI_FILE and M3_COMPANY are set)
    ...m3Keys,
    ...itemPriceKeys,
    /**
     * OIS017MI: follow the price list — a list price change touches no item, so no item BOD or item poll
     * sees it; this poll compares the list valid today with the last prices seen and re-reads changed items.
     */
    ITEM_PRICE_POLL_ENABLED: envBool().default(false),
    ITEM_PRICE_POLL_INTERVAL_MS: envInt(1000, 86_400_000, { example: '60000' }).default(60_000),
    /** The MMS200MI LstItmByChgDate poll, for installations without item BODs. */
    ITEM_POLL_ENABLED: envBool().default(false),
    ITEM_POLL_INTERVAL_MS: envInt(100, 86_400_000, { example: '30000' }).default(30_000),
    ITEM_POLL_OVERLAP_MS: envInt(0, 7 * 86_400_000, { example: '3600000' }).default(3_600_000),
    /** Items priced and produced at once by the poll. */
    ITEM_POLL_CONCURRENCY: envInt(1, 64, { example: '8' }).default(8),
    /** First pass reads changes since this instant (ISO-8601); default: since the first pass (no backfill). */
    ITEM_POLL_START_AT: envString({ expected: 'ISO-8601 date-time', example: '2026-01-01T00:00:00Z' })
      .refine((v) => Number.isFinite(Date.parse(v)), 'not an ISO-8601 date-time')
      .optional(),
    /** MMS005MI LstWarehouses poll → cdc.m3.warehouse.v1 (MSI sources). */
    WAREHOUSE_POLL_ENABLED: envBool().default(false),
    WAREHOUSE_POLL_INTERVAL_MS: envInt(1000, 86_400_000, { example: '300000' }).default(300_000),
    /** The stock balance poll → cdc.m3.stock.v1. */
    STOCK_POLL_ENABLED: envBool().default(false),
    /**
     * LstItmWhsByWhgr: full read per warehouse group; MWS070MI: transaction feed, moved items re-read;
     * MMS060MI: LstSumQty per warehouse, summed over locations (ADR 0015).
     */
    STOCK_SOURCE: envEnum(['LstItmWhsByWhgr', 'MWS070MI', 'MMS060MI'] as const, { example: 'LstItmWhsByWhgr' }).default(
      'LstItmWhsByWhgr',
    ),
    /** LstItmWhsByWhgr: the warehouse groups (WHGR), comma-separated. */
    STOCK_WAREHOUSE_GROUPS: envCsv({ expected: 'WHGR list', example: 'WEB,NORDIC' }).optional(),
    /** MWS070MI / MMS060MI: the warehouses (WHLO) read, comma-separated. */
    STOCK_WAREHOUSES: envCsv({ expected: 'WHLO list', example: '100,200' }).optional(),
    STOCK_POLL_INTERVAL_MS: envInt(100, 86_400_000, { example: '5000' }).default(5_000),
    /** Balances offered (compared, produced) at once. */
    STOCK_POLL_CONCURRENCY: envInt(1, 4096, { example: '256' }).default(256),
    /** MWS070MI: the first pass follows transactions from this instant (ISO-8601); default: the first pass. */
    STOCK_POLL_START_AT: envString({ expected: 'ISO-8601 date-time', example: '2026-01-01T00:00:00Z' })
      .refine((v) => Number.isFinite(Date.parse(v)), 'not an ISO-8601 date-time')
      .optional(),
    /**
     * The inventory BOD taken besides the poll (Sync and Show of this noun, e.g. LS_ItemStock → SyncLS_ItemStock);
     * unset: none. No real sample exists: the layout is assumed (mappings/balance.mapping.ts).
     */
    STOCK_BOD_NOUN: envString({ expected: 'a BOD noun (letters, digits, _)', example: 'LS_ItemStock' })
      .refine((v) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(v), 'not a BOD noun (letters, digits, _)')
      .refine((v) => !MAPPED_NOUNS.includes(v), 'is a noun this service maps already')
      .optional(),
    /** Sync.CustomerPartyMaster BODs → cdc.m3.customer.v1 (no M3 connection needed); the layout is assumed. */
    CUSTOMER_BOD_ENABLED: envBool().default(false),
    /** The CRS610MI LstByNumber change poll → cdc.m3.customer.v1, for installations without customer BODs. */
    CUSTOMER_POLL_ENABLED: envBool().default(false),
    CUSTOMER_POLL_INTERVAL_MS: envInt(100, 86_400_000, { example: '30000' }).default(30_000),
    /** Re-read this much before the last pass (the LMTS sent is the checkpoint less this). */
    CUSTOMER_POLL_OVERLAP_MS: envInt(0, 7 * 86_400_000, { example: '600000' }).default(600_000),
    /** Customers per LstByNumber call (maxrecs); ≥ 2: each next page starts with the last CUNO read, again. */
    CUSTOMER_POLL_PAGE_SIZE: envInt(2, 10_000, { example: '500' }).default(500),
    /** First pass reads changes since this instant (ISO-8601); default: since the first pass (no backfill). */
    CUSTOMER_POLL_START_AT: envString({ expected: 'ISO-8601 date-time', example: '2026-01-01T00:00:00Z' })
      .refine((v) => Number.isFinite(Date.parse(v)), 'not an ISO-8601 date-time')
      .optional(),
  })
  .superRefine((c, ctx) => {
    const missing = (key: string, why: string) =>
      ctx.addIssue({ code: 'custom', path: [key], message: `missing (${why})` });
    if (c.ITEM_POLL_ENABLED) {
      if (!c.M3_IONAPI_FILE) missing('M3_IONAPI_FILE', 'ITEM_POLL_ENABLED=true reads M3');
      if (!c.M3_COMPANY) missing('M3_COMPANY', 'ITEM_POLL_ENABLED=true reads M3');
    }
    for (const [flag, on] of [
      ['WAREHOUSE_POLL_ENABLED', c.WAREHOUSE_POLL_ENABLED],
      ['STOCK_POLL_ENABLED', c.STOCK_POLL_ENABLED],
      ['CUSTOMER_POLL_ENABLED', c.CUSTOMER_POLL_ENABLED],
    ] as const) {
      if (!on) continue;
      if (!c.M3_IONAPI_FILE) missing('M3_IONAPI_FILE', `${flag}=true reads M3`);
      if (!c.M3_COMPANY) missing('M3_COMPANY', `${flag}=true reads M3`);
    }
    if (c.STOCK_POLL_ENABLED && c.STOCK_SOURCE === 'LstItmWhsByWhgr' && !c.STOCK_WAREHOUSE_GROUPS?.length)
      missing('STOCK_WAREHOUSE_GROUPS', 'STOCK_SOURCE=LstItmWhsByWhgr reads per warehouse group');
    if (c.STOCK_POLL_ENABLED && c.STOCK_SOURCE !== 'LstItmWhsByWhgr' && !c.STOCK_WAREHOUSES?.length)
      missing('STOCK_WAREHOUSES', `STOCK_SOURCE=${c.STOCK_SOURCE} reads these warehouses`);
    if (c.ITEM_PRICE_POLL_ENABLED) {
      if (c.ITEM_PRICE_SOURCE !== 'OIS017MI')
        ctx.addIssue({
          code: 'custom',
          path: ['ITEM_PRICE_POLL_ENABLED'],
          message:
            'follows a price list: needs ITEM_PRICE_SOURCE=OIS017MI (an MMS200MI price change is an item change)',
        });
      if (!c.M3_IONAPI_FILE) missing('M3_IONAPI_FILE', 'ITEM_PRICE_POLL_ENABLED=true reads M3');
      if (!c.M3_COMPANY) missing('M3_COMPANY', 'ITEM_PRICE_POLL_ENABLED=true reads M3');
    }
    if (c.ITEM_PRICE_SOURCE === 'OIS017MI') {
      if (!c.ITEM_PRICE_LIST) missing('ITEM_PRICE_LIST', 'ITEM_PRICE_SOURCE=OIS017MI');
      if (!c.ITEM_PRICE_CURRENCY) missing('ITEM_PRICE_CURRENCY', 'ITEM_PRICE_SOURCE=OIS017MI');
    }
  });

export type Config = z.infer<typeof configSchema>;
