/** The `.ionapi` credentials file (FORMAT-NOTES 24). */
export interface IonApiFile {
  ti: string;
  cn: string;
  dt: string;
  ci: string;
  cs: string;
  iu: string;
  pu: string;
  oa: string;
  ot: string;
  or: string;
  ev: string;
  v: string;
  saak: string;
  sask: string;
}

export interface IonCredentials {
  tenant: string;
  clientName: string;
  clientId: string;
  clientSecret: string;
  serviceAccountKey: string;
  serviceAccountSecret: string;
}

export const defaultCredentials = (tenant = 'M3SIM_TST'): IonCredentials => ({
  tenant,
  clientName: 'm3-magento-stream sandbox',
  clientId: `${tenant}~m3sim-backend-client`,
  clientSecret: 'm3sim-client-secret',
  serviceAccountKey: `${tenant}#m3sim-service-account`,
  serviceAccountSecret: 'm3sim-service-secret',
});

/** `.ionapi` pointing at a simulator listening on baseUrl (e.g. http://127.0.0.1:8090). */
export function buildIonApi(baseUrl: string, c: IonCredentials): IonApiFile {
  const base = baseUrl.replace(/\/$/, '');
  return {
    ti: c.tenant,
    cn: c.clientName,
    dt: '12',
    ci: c.clientId,
    cs: c.clientSecret,
    iu: base,
    pu: `${base}/${c.tenant}/as/`,
    oa: 'authorization.oauth2',
    ot: 'token.oauth2',
    or: 'revoke_token.oauth2',
    ev: 'M3SIM-1',
    v: '1.0',
    saak: c.serviceAccountKey,
    sask: c.serviceAccountSecret,
  };
}
