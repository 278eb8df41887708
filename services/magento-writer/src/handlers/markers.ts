// The origin marker magento-writer leaves in the comment of every document it creates: how a redelivered
// command (or a crash between the call and the offset commit) is recognised and not applied twice.
import type { MagentoComment } from '../clients/types';

export const markerOf = (idempotencyKey: string): string => `[m3mage ${idempotencyKey}]`;

export const hasMarker = (comments: readonly MagentoComment[] | undefined, marker: string): boolean =>
  (comments ?? []).some((c) => c.comment?.includes(marker) ?? false);
