import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { errors } from '../http/errors';
import type { AdminTokens } from './admin-tokens';
import type { MagentoCredentials } from './credentials';
import type { OAuthVerifier } from './oauth1';

export interface AuthGuardOptions {
  tokens: AdminTokens;
  oauth: OAuthVerifier;
  credentials: MagentoCredentials;
  /** `oauth/consumer/enable_integration_as_bearer` (Magento ≥ 2.4.4 defaults to off). */
  integrationAsBearer: () => boolean;
  /** Token the simulator's own async-bulk consumer uses to replay operations. */
  internalToken: string;
}

/** Builds per-resource preHandlers: admin bearer, integration bearer (if enabled) or OAuth 1.0a. */
export class AuthGuard {
  constructor(private readonly opts: AuthGuardOptions) {}

  /** A preHandler admitting callers authorized for `resource` (the ACL id named in the 401 message). */
  require(resource: string): preHandlerAsyncHookHandler {
    return async (request) => {
      this.authenticate(request, resource);
    };
  }

  private authenticate(request: FastifyRequest, resource: string): void {
    const header = request.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (bearer !== undefined) {
      if (bearer === this.opts.internalToken || this.opts.tokens.isValid(bearer)) return;
      if (this.opts.integrationAsBearer() && bearer === this.opts.credentials.integration.accessToken) return;
      throw errors.notAuthorized(resource);
    }
    if (/^OAuth\s/i.test(header)) {
      this.opts.oauth.verify({
        method: request.method,
        url: `${request.protocol}://${request.headers.host ?? 'localhost'}${request.url}`,
        authorization: header,
        ...(isForm(request) ? { formParams: request.body as Record<string, string> } : {}),
      });
      return;
    }
    throw errors.notAuthorized(resource);
  }
}

const isForm = (r: FastifyRequest): boolean =>
  (r.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && typeof r.body === 'object';
