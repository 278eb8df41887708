import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Environment of the standalone simulator (`npm run sim:magento`). Only this file reads `process.env`. */
const schema = z.object({
  MAGENTO_SIM_HOST: z.string().default('127.0.0.1'),
  MAGENTO_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(8091),
  MAGENTO_SIM_SEED: z.coerce.number().int().default(42),
  MAGENTO_SIM_CUSTOMERS: z.coerce.number().int().min(0).optional(),
  MAGENTO_SIM_PRODUCTS: z.coerce.number().int().min(0).optional(),
  MAGENTO_SIM_ORDERS: z.coerce.number().int().min(0).optional(),
  MAGENTO_SIM_INTEGRATION_AS_BEARER: bool.default(false),
  MAGENTO_SIM_ADMIN_USER: z.string().min(1).optional(),
  MAGENTO_SIM_ADMIN_PASSWORD: z.string().min(1).optional(),
  /** JSON array of subscribers, e.g. `[{"url":"http://127.0.0.1:8080/webhooks/magento","mode":"commerce-webhook"}]`. */
  MAGENTO_SIM_SUBSCRIBERS: z.string().optional(),
  MAGENTO_SIM_PUBLIC_KEY_FILE: z.string().default('infra/simulators/magento/.runtime/webhook-public-key.pem'),
  MAGENTO_SIM_LOG: bool.default(false),
});

export type StandaloneConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): StandaloneConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const rows = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid Magento simulator configuration:\n${rows}`);
  }
  return parsed.data;
}
