/** The credentials a simulated store accepts. Defaults are sandbox-only values, printed by `npm run sim:magento`. */
export interface MagentoCredentials {
  admin: { username: string; password: string };
  /** The integration's access token (Bearer only with `integrationAsBearer`) and its OAuth 1.0a keys. */
  integration: {
    consumerId: number;
    consumerKey: string;
    consumerSecret: string;
    accessToken: string;
    accessTokenSecret: string;
  };
}

export const DEFAULT_CREDENTIALS: MagentoCredentials = {
  admin: { username: 'admin', password: 'sandbox-admin-123' },
  integration: {
    consumerId: 1,
    consumerKey: 'sim0consumer0key0000000000000001',
    consumerSecret: 'sim0consumer0secret0000000000001',
    accessToken: 'sim0access0token000000000000001',
    accessTokenSecret: 'sim0access0token0secret000000001',
  },
};

export function mergeCredentials(
  base: MagentoCredentials,
  over: { admin?: Partial<MagentoCredentials['admin']>; integration?: Partial<MagentoCredentials['integration']> } = {},
): MagentoCredentials {
  return { admin: { ...base.admin, ...over.admin }, integration: { ...base.integration, ...over.integration } };
}
