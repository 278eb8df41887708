// RFC 3986 query encoding: what OAuth 1.0a signs and what Magento decodes. URLSearchParams would send a
// space as '+', which Magento reads as a space but the signature covers as %20: the request is refused.
export type MagentoQuery = Record<string, string | number>;

const encode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function encodeQuery(params: MagentoQuery): string {
  return Object.entries(params)
    .map(([k, v]) => `${encode(k)}=${encode(String(v))}`)
    .join('&');
}

/** One searchCriteria filter group with one filter (groups are AND-ed), e.g. updated_at gteq a timestamp. */
export function searchFilter(group: number, field: string, value: string | number, condition = 'eq'): MagentoQuery {
  const base = `searchCriteria[filter_groups][${group}][filters][0]`;
  return { [`${base}[field]`]: field, [`${base}[value]`]: value, [`${base}[condition_type]`]: condition };
}
