import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IonCredentials } from '../auth/ionapi';
import type { TokenService } from '../auth/tokens';

export interface DirectUser {
  user: string;
  password: string;
}

const bearer = (request: FastifyRequest): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

/**
 * Gateway paths (`/{tenant}/M3/...`) need a valid Bearer token; a 401 carries an OAuth2 `invalid_token` body and
 * `WWW-Authenticate`. Direct paths (`/m3api-rest/...`, on-premises style) accept the same token or Basic M3 user.
 */
export function authGuard(tokens: TokenService, credentials: IonCredentials, direct: DirectUser) {
  return (gateway: boolean) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const tenant = (request.params as { tenant?: string }).tenant;
      if (gateway && tenant !== credentials.tenant) {
        return reply.code(404).send({ error: 'not_found', error_description: `Unknown tenant ${tenant ?? ''}` });
      }
      if (!gateway) {
        const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (basic !== undefined) {
          const [user, ...rest] = Buffer.from(basic, 'base64').toString('utf8').split(':');
          if (user === direct.user && rest.join(':') === direct.password) return;
          return reply.code(401).header('www-authenticate', 'Basic realm="m3api-rest"').send({ error: 'unauthorized' });
        }
      }
      const check = tokens.verify(bearer(request));
      if (check.ok) return;
      const description =
        check.reason === 'expired'
          ? 'Access token expired'
          : check.reason === 'missing'
            ? 'Missing access token'
            : 'Invalid access token';
      await reply
        .code(401)
        .header('www-authenticate', `Bearer error="invalid_token", error_description="${description}"`)
        .send({ error: 'invalid_token', error_description: description });
    };
}
