// The names of an item's groups, for categories created from them (transformer categoryCreation): item group
// ITGR from CRS025MI GetItemGroup, product group ITCL from CRS035MI GetProductGroup (TX15, the short name M3
// shows; TX40 when TX15 is blank). Groups are few and rarely renamed: each name is kept for `ttlMs`. A group
// M3 does not have (NOK) has no name; any other failure is thrown (the BOD is answered 503, the poll pass repeated).
import type { MiClient } from '@m3mage/connectors/m3';
import { isAppError } from '@m3mage/runtime';
import type { Item } from '@m3mage/schemas/types';

export type GroupNames = Pick<Item, 'itemGroupName' | 'productGroupName'>;
export type GroupNamesSource = (item: Pick<Item, 'itemGroup' | 'productGroup'>) => Promise<GroupNames>;

export function createGroupNames(o: {
  mi: Pick<MiClient, 'execute'>;
  now: () => number;
  ttlMs?: number;
}): GroupNamesSource {
  const ttl = o.ttlMs ?? 600_000;
  const cache = new Map<string, { name: string | null; at: number }>();

  async function nameOf(program: 'CRS025MI' | 'CRS035MI', code: string | null): Promise<string | null> {
    if (!code) return null;
    const key = `${program}:${code}`;
    const hit = cache.get(key);
    if (hit && o.now() - hit.at < ttl) return hit.name;
    let name: string | null;
    try {
      const [rec] =
        program === 'CRS025MI'
          ? await o.mi.execute('CRS025MI', 'GetItemGroup', { ITGR: code })
          : await o.mi.execute('CRS035MI', 'GetProductGroup', { ITCL: code });
      name = rec?.TX15?.trim() || rec?.TX40?.trim() || null;
    } catch (e) {
      if (!(isAppError(e) && !e.retriable)) throw e;
      name = null; // M3 has no such group (NOK)
    }
    cache.set(key, { name, at: o.now() });
    return name;
  }

  return async (item) => ({
    itemGroupName: await nameOf('CRS025MI', item.itemGroup),
    productGroupName: await nameOf('CRS035MI', item.productGroup),
  });
}
