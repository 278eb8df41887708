import { randomBytes } from 'node:crypto';

export interface TokenGrant {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

export type TokenCheck = { ok: true; subject: string } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

export interface TokenServiceOptions {
  now: () => number;
  /** Access token lifetime in seconds (ION API: 7200). */
  lifetimeSeconds: number;
  /** Refresh token lifetime in seconds (default 8 h). */
  refreshLifetimeSeconds?: number;
}

/** OAuth2 tokens of the simulated ION API gateway. State is per instance. */
export class TokenService {
  private readonly access = new Map<string, { subject: string; expiresAt: number }>();
  private readonly refresh = new Map<string, { subject: string; expiresAt: number }>();

  constructor(private readonly opts: TokenServiceOptions) {}

  issue(subject: string): TokenGrant {
    const now = this.opts.now();
    const access_token = randomBytes(24).toString('base64url');
    const refresh_token = randomBytes(24).toString('base64url');
    this.access.set(access_token, { subject, expiresAt: now + this.opts.lifetimeSeconds * 1000 });
    this.refresh.set(refresh_token, { subject, expiresAt: now + (this.opts.refreshLifetimeSeconds ?? 28_800) * 1000 });
    return { access_token, token_type: 'Bearer', expires_in: this.opts.lifetimeSeconds, refresh_token };
  }

  /** A refresh token is single-use: the old one is revoked and a new pair issued. */
  refreshGrant(refreshToken: string): TokenGrant | undefined {
    const entry = this.refresh.get(refreshToken);
    if (!entry || entry.expiresAt <= this.opts.now()) return undefined;
    this.refresh.delete(refreshToken);
    return this.issue(entry.subject);
  }

  verify(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const entry = this.access.get(token);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.expiresAt <= this.opts.now()) return { ok: false, reason: 'expired' };
    return { ok: true, subject: entry.subject };
  }

  revoke(token: string): void {
    this.access.delete(token);
    this.refresh.delete(token);
  }

  /** Test/control helper: expire every access token now. */
  expireAll(): void {
    for (const e of this.access.values()) e.expiresAt = 0;
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
  }
}
