import { createHmac, randomBytes } from 'node:crypto';

export interface AdminTokensOptions {
  now: () => number;
  /** Admin token lifetime (Magento default 4 h). */
  ttlMs: number;
}

/**
 * Admin bearer tokens as Magento ≥ 2.4.4 issues them (JWT, HS256, `uid`/`utypid`/`iat`/`exp`), valid for `ttlMs`.
 * An expired or unknown token is simply not authenticated, as in Magento (→ 401 "The consumer isn't authorized…").
 */
export class AdminTokens {
  private readonly key = randomBytes(32);
  private readonly issued = new Map<string, { expiresAt: number }>();

  constructor(private readonly opts: AdminTokensOptions) {}

  issue(userId: number): string {
    const iat = Math.floor(this.opts.now() / 1000);
    const expiresAt = this.opts.now() + this.opts.ttlMs;
    const header = b64url({ kid: '1', alg: 'HS256' });
    const payload = b64url({ uid: userId, utypid: 2, iat, exp: Math.floor(expiresAt / 1000) });
    const sig = createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${sig}`;
    this.issued.set(token, { expiresAt });
    return token;
  }

  isValid(token: string): boolean {
    const t = this.issued.get(token);
    if (!t) return false;
    if (this.opts.now() >= t.expiresAt) {
      this.issued.delete(token);
      return false;
    }
    return true;
  }
}

const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
