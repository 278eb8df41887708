/** Magento's DB timestamp format: `YYYY-MM-DD HH:MM:SS` in UTC, no `T`, no zone. */
export function magentoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
