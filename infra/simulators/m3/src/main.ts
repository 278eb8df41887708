/**
 * Standalone M3 simulator: `npm run sim:m3`. Listens on 127.0.0.1:$M3_SIM_PORT (default 8090), writes a sample
 * .ionapi file and prints URLs and credentials. Env: M3_SIM_PORT, M3_SIM_ITEMS, M3_SIM_CUSTOMERS, M3_SIM_SEED,
 * M3_SIM_IONAPI (path of the .ionapi file), M3_SIM_BOD_URL (one subscriber for all BODs), M3_SIM_BOD_FORMAT,
 * M3_SIM_BOD_TOKEN (Bearer token of that subscriber; it then gets SalesOrder/Shipment/Invoice only),
 * M3_SIM_HOST (listen address, default 127.0.0.1; 0.0.0.0 in a container), M3_SIM_PUBLIC_URL (base URL written
 * into the .ionapi file when clients reach the simulator under another name, e.g. http://sim-m3:8090).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createM3Simulator } from './index';

const env = process.env;
const port = Number(env.M3_SIM_PORT ?? 8090);
const format =
  env.M3_SIM_BOD_FORMAT === 'ion-json' || env.M3_SIM_BOD_FORMAT === 'ion-json-base64' ? env.M3_SIM_BOD_FORMAT : 'xml';

const sim = createM3Simulator({
  seed: {
    items: Number(env.M3_SIM_ITEMS ?? 20),
    customers: Number(env.M3_SIM_CUSTOMERS ?? 10),
    seed: Number(env.M3_SIM_SEED ?? 42),
  },
  ...(env.M3_SIM_BOD_URL
    ? {
        subscribers: [
          {
            name: 'default',
            url: env.M3_SIM_BOD_URL,
            format,
            ...(env.M3_SIM_BOD_TOKEN ? { auth: { bearer: env.M3_SIM_BOD_TOKEN } } : {}),
            nouns: ['SalesOrder', 'Shipment', 'Invoice'],
          },
        ],
      }
    : {}),
});

const base = await sim.listen(port, env.M3_SIM_HOST ?? '127.0.0.1');
const ionapi = sim.ionapi(env.M3_SIM_PUBLIC_URL ?? base);
const ionapiPath = env.M3_SIM_IONAPI ?? join(tmpdir(), `m3sim-${ionapi.ti}.ionapi`);
writeFileSync(ionapiPath, JSON.stringify(ionapi, null, 2) + '\n');

console.log(`M3 simulator listening on ${base}
  ION API gateway   ${base}/${ionapi.ti}/M3/m3api-rest/execute/{PROGRAM}/{TRANSACTION}   (v2: .../m3api-rest/v2/execute)
  direct MI REST    ${base}/m3api-rest/execute/{PROGRAM}/{TRANSACTION}  (Basic M3SIM:m3sim or Bearer)
  OAuth2 token      POST ${ionapi.pu}${ionapi.ot}   revoke: POST ${ionapi.pu}${ionapi.or}
  control API       ${base}/_control/...
  .ionapi file      ${ionapiPath}
  credentials       ci=${ionapi.ci} cs=${ionapi.cs}
                    saak=${ionapi.saak} sask=${ionapi.sask}
  BOD subscriber    ${env.M3_SIM_BOD_URL ?? '(none; PUT /_control/bods/subscribers)'}`);

const stop = (signal: string) => {
  console.log(`${signal}: stopping M3 simulator`);
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
