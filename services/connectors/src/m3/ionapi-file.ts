// The `.ionapi` credentials file (FORMAT-NOTES C 24): which keys we need and the URLs they make.
// Values are never echoed in errors: only the names of missing or malformed keys.
import { AppError } from '@m3mage/runtime';
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);

const ionApiSchema = z.object({
  ti: nonEmpty,
  ci: nonEmpty,
  cs: nonEmpty,
  iu: z.url(),
  pu: z.url(),
  ot: nonEmpty,
  or: nonEmpty.optional(),
  saak: nonEmpty,
  sask: nonEmpty,
  cn: z.string().optional(),
});

export interface IonApiCredentials {
  tenant: string;
  clientId: string;
  clientSecret: string;
  /** Service account access/secret key (password grant username/password). */
  username: string;
  password: string;
  /** `{iu}/{ti}` : the gateway base of the tenant. */
  gatewayUrl: string;
  /** `{pu}` (SSO base ending in `/as/`) and the token / revoke paths relative to it. */
  ssoUrl: string;
  tokenPath: string;
  revokePath?: string;
}

const trimSlash = (s: string): string => s.replace(/\/+$/, '');

export function parseIonApi(text: string, source = '.ionapi file'): IonApiCredentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('CONFIG_INVALID', `${source} is not JSON`);
  }
  const parsed = ionApiSchema.safeParse(json);
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '?')))].sort();
    throw new AppError('CONFIG_INVALID', `${source}: missing or invalid keys ${keys.join(', ')}`);
  }
  const f = parsed.data;
  return {
    tenant: f.ti,
    clientId: f.ci,
    clientSecret: f.cs,
    username: f.saak,
    password: f.sask,
    gatewayUrl: `${trimSlash(f.iu)}/${f.ti}`,
    ssoUrl: f.pu.endsWith('/') ? f.pu : `${f.pu}/`,
    tokenPath: f.ot,
    ...(f.or ? { revokePath: f.or } : {}),
  };
}
