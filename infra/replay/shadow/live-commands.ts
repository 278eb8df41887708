// What the live pipeline produced around a window: the records of the transformer's command topics from
// `margin` before the window to `margin` after it (commands follow their change record by the pipeline's
// latency; the earlier ones are what an unchanged record was compared with), decoded, with their causation id
// (the `causation-id` header, else `meta.causationId`: the change record's source eventId).
import { StandardHeader } from '@m3mage/runtime';
import type { ReplaySession } from '../session';
import type { LiveCommand } from './diff';
import { transformerTopology } from './handlers';

export const DEFAULT_MARGIN_MS = 60 * 60_000;

/** Catalogue names of the command topics the transformer produces. */
export const commandTopics = (): string[] => transformerTopology.produces.filter((t) => t.startsWith('cmd.'));

const causationOf = (headers: Record<string, string>, value: unknown): string | undefined => {
  const h = headers[StandardHeader.causationId];
  if (h !== undefined) return h;
  const m = (value as { meta?: { causationId?: unknown } } | null)?.meta?.causationId;
  return typeof m === 'string' ? m : undefined;
};

export async function readLiveCommands(
  session: Pick<ReplaySession, 'ranges' | 'read' | 'serde' | 'name' | 'client'>,
  window: { from: number; to: number },
  opts: { marginMs?: number; topics?: readonly string[] } = {},
): Promise<LiveCommand[]> {
  const margin = opts.marginMs ?? DEFAULT_MARGIN_MS;
  const admin = session.client.kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics().finally(() => admin.disconnect()));
  const out: LiveCommand[] = [];
  for (const topic of opts.topics ?? commandTopics()) {
    if (!existing.has(session.name(topic))) continue;
    const ranges = await session.ranges(topic, window.from - margin, window.to + margin);
    for (const r of await session.read(topic, ranges)) {
      const value = r.value === null ? null : await session.serde.decode(r.value);
      out.push({
        topic,
        key: r.key,
        type: r.headers[StandardHeader.eventType] ?? '',
        value,
        causationId: causationOf(r.headers, value),
        timestamp: r.timestamp,
      });
    }
  }
  return out;
}
