import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import type { IonCredentials } from '../auth/ionapi';
import type { TokenService } from '../auth/tokens';

export interface TokenRouteOptions {
  credentials: IonCredentials;
  tokens: TokenService;
}

type Form = Record<string, string | undefined>;

/** Client credentials from the form or from `Authorization: Basic base64(ci:cs)`. */
function clientOf(request: FastifyRequest, form: Form): { id?: string; secret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id, ...rest] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(rest.join(':')) };
  }
  const out: { id?: string; secret?: string } = {};
  if (form.client_id !== undefined) out.id = form.client_id;
  if (form.client_secret !== undefined) out.secret = form.client_secret;
  return out;
}

/** `POST {pu}{ot}` (password and refresh_token grants) and `POST {pu}{or}` (revoke), per FORMAT-NOTES 25. */
export const tokenRoutes: FastifyPluginCallback<TokenRouteOptions> = (app, opts, done) => {
  const { credentials: c, tokens } = opts;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, parse) => {
    parse(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.post<{ Params: { tenant: string } }>('/:tenant/as/token.oauth2', (request, reply) => {
    if (request.params.tenant !== c.tenant) return reply.code(404).send({ error: 'not_found' });
    const form = (request.body ?? {}) as Form;
    const client = clientOf(request, form);
    if (client.id !== c.clientId || client.secret !== c.clientSecret) {
      return reply.code(401).send({ error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (form.grant_type === 'password') {
      if (form.username !== c.serviceAccountKey || form.password !== c.serviceAccountSecret) {
        return reply
          .code(400)
          .send({ error: 'invalid_grant', error_description: 'Invalid resource owner credentials' });
      }
      return reply.header('cache-control', 'no-store').send(tokens.issue(form.username));
    }
    if (form.grant_type === 'refresh_token') {
      const grant = tokens.refreshGrant(form.refresh_token ?? '');
      if (!grant) return reply.code(400).send({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
      return reply.header('cache-control', 'no-store').send(grant);
    }
    return reply.code(400).send({ error: 'unsupported_grant_type' });
  });

  app.post<{ Params: { tenant: string } }>('/:tenant/as/revoke_token.oauth2', (request, reply) => {
    if (request.params.tenant !== c.tenant) return reply.code(404).send({ error: 'not_found' });
    const form = (request.body ?? {}) as Form;
    const client = clientOf(request, form);
    if (client.id !== c.clientId || client.secret !== c.clientSecret) {
      return reply.code(401).send({ error: 'invalid_client' });
    }
    if (form.token) tokens.revoke(form.token);
    return reply.code(200).send();
  });

  done();
};
