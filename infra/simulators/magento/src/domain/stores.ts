import { MagentoError } from '../http/errors';

/** A website, a store group and a store view as `GET /V1/store/websites|storeGroups|storeViews` answer them. */
export interface Website {
  id: number;
  code: string;
  name: string;
  default_group_id: number;
}

export interface StoreGroup {
  id: number;
  website_id: number;
  root_category_id: number;
  default_store_id: number;
  name: string;
  code: string;
}

export interface StoreView {
  id: number;
  code: string;
  name: string;
  website_id: number;
  store_group_id: number;
  is_active: number;
}

/** An extra store view: its code, and the code of its website (`base`, the Main Website, unless given). */
export type StoreCodeOption = string | { code: string; website?: string; name?: string };

/** The scope a REST call runs in: a store view, or the admin store (id 0) for `all` / `admin`. */
export interface StoreScope {
  storeId: number;
  code: string;
  admin: boolean;
}

export const ADMIN_STORE_ID = 0;
export const DEFAULT_STORE_ID = 1;
/** The store's root category ("Default Category"); the admin store has none (0). */
export const DEFAULT_ROOT_CATEGORY = 2;

/**
 * Websites, store groups and store views of one installation (fixed for the simulator's lifetime).
 * Store code resolution follows Webapi\Controller\PathProcessor (magento/magento2
 * app/code/Magento/Webapi/Controller/PathProcessor.php): a store code in the path makes that store current,
 * `all` makes the admin store current, no code leaves the default store view (id 1) current.
 */
export class StoreTopology {
  readonly websites: Website[] = [{ id: 1, code: 'base', name: 'Main Website', default_group_id: 1 }];
  readonly groups: StoreGroup[] = [
    {
      id: 1,
      website_id: 1,
      root_category_id: DEFAULT_ROOT_CATEGORY,
      default_store_id: 1,
      name: 'Main Website Store',
      code: 'main_website_store',
    },
  ];
  readonly stores: StoreView[] = [
    {
      id: DEFAULT_STORE_ID,
      code: 'default',
      name: 'Default Store View',
      website_id: 1,
      store_group_id: 1,
      is_active: 1,
    },
  ];

  /**
   * @param singleStore behave as Magento with a single store view (StoreManager::hasSingleStore): every
   *   attribute value is saved at store 0 (Catalog\Model\ResourceModel\AbstractResource::_saveAttributeValue).
   */
  constructor(
    extra: readonly StoreCodeOption[] = [],
    private readonly singleStore = false,
  ) {
    for (const option of extra) this.addStore(typeof option === 'string' ? { code: option } : option);
  }

  /** Store codes accepted in `/rest/{store}/V1` besides `all` and `admin`. */
  codes(): string[] {
    return this.stores.map((s) => s.code);
  }

  resolve(code: string | undefined): StoreScope {
    if (code === 'all' || code === 'admin') return { storeId: ADMIN_STORE_ID, code: 'admin', admin: true };
    const store = code === undefined ? this.store(DEFAULT_STORE_ID) : this.stores.find((s) => s.code === code);
    if (!store)
      throw new MagentoError(404, "The store that was requested wasn't found. Verify the store and try again.");
    return { storeId: store.id, code: store.code, admin: false };
  }

  store(id: number): StoreView {
    const s = this.stores.find((x) => x.id === id);
    if (!s) throw new Error(`no store view ${id}`);
    return s;
  }

  websiteIds(): number[] {
    return this.websites.map((w) => w.id);
  }

  websiteIdOf(storeId: number): number {
    return this.store(storeId).website_id;
  }

  websiteByCode(code: string): Website | undefined {
    return this.websites.find((w) => w.code === code);
  }

  /** Store view ids of a website (what a website-scope attribute value is written to). */
  storeIdsOf(websiteId: number): number[] {
    return this.stores.filter((s) => s.website_id === websiteId).map((s) => s.id);
  }

  /** StoreManager::hasSingleStore, when the simulator was asked to behave as a one-store-view installation. */
  hasSingleStore(): boolean {
    return this.singleStore && this.stores.length === 1;
  }

  rootCategoryOf(scope: StoreScope): number {
    if (scope.admin) return 0;
    const group = this.groups.find((g) => g.id === this.store(scope.storeId).store_group_id);
    return group?.root_category_id ?? DEFAULT_ROOT_CATEGORY;
  }

  /** The admin store and website as the store repositories list them (`GET /V1/store/...`). */
  allStores(): StoreView[] {
    return [{ id: 0, code: 'admin', name: 'Admin', website_id: 0, store_group_id: 0, is_active: 1 }, ...this.stores];
  }

  allWebsites(): Website[] {
    return [{ id: 0, code: 'admin', name: 'Admin', default_group_id: 0 }, ...this.websites];
  }

  allGroups(): StoreGroup[] {
    return [
      { id: 0, website_id: 0, root_category_id: 0, default_store_id: 0, name: 'Default', code: 'default' },
      ...this.groups,
    ];
  }

  private addStore(o: { code: string; website?: string; name?: string }): void {
    if (['all', 'admin'].includes(o.code) || this.stores.some((s) => s.code === o.code)) return;
    const websiteCode = o.website ?? 'base';
    let website = this.websiteByCode(websiteCode);
    if (!website) {
      const id = Math.max(...this.websites.map((w) => w.id)) + 1;
      website = { id, code: websiteCode, name: websiteCode, default_group_id: id };
      this.websites.push(website);
      this.groups.push({
        id,
        website_id: id,
        root_category_id: DEFAULT_ROOT_CATEGORY,
        default_store_id: 0,
        name: `${websiteCode} Store`,
        code: `${websiteCode}_store`,
      });
    }
    const id = Math.max(...this.stores.map((s) => s.id)) + 1;
    const group = this.groups.find((g) => g.website_id === website.id);
    if (group && group.default_store_id === 0) group.default_store_id = id;
    this.stores.push({
      id,
      code: o.code,
      name: o.name ?? o.code,
      website_id: website.id,
      store_group_id: group?.id ?? 1,
      is_active: 1,
    });
  }
}
