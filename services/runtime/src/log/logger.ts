// pino JSON logger with the runtime's fixed fields (service, version; per message: correlationId, topic,
// partition, offset, key) and scrubbing of secrets and card numbers on every record.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { scrubString, scrubValue } from './scrub';

export type Logger = PinoLogger;

export interface CreateLoggerOptions {
  service: string;
  version: string;
  level?: string;
  /** Defaults to stdout. Tests pass a stream to read records back. */
  destination?: DestinationStream;
}

function withErrorMessage(args: unknown[]): unknown[] {
  const [first, second, ...rest] = args;
  if (typeof second === 'string') return args;
  if (first instanceof Error)
    return [{ err: first }, first.message, ...(second === undefined ? [] : [second]), ...rest];
  const err = typeof first === 'object' && first !== null ? (first as { err?: unknown }).err : undefined;
  if (err instanceof Error && !('msg' in (first as object))) return [first, err.message, ...args.slice(1)];
  return args;
}

export function createLogger(opts: CreateLoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level ?? 'info',
    base: { service: opts.service, version: opts.version },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => scrubValue(bindings) as Record<string, unknown>,
      log: (obj) => scrubValue(obj) as Record<string, unknown>,
    },
    // Errors are already serialised (and scrubbed) by formatters.log.
    serializers: { err: (value: unknown) => value },
    hooks: {
      // Message strings and printf-style arguments are scrubbed too, including the message pino would
      // otherwise take unscrubbed from a logged error.
      logMethod(args, method) {
        const clean = withErrorMessage(args).map((a) => (typeof a === 'string' ? scrubString(a) : a));
        method.apply(this, clean as Parameters<typeof method>);
      },
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

export interface MessageContext {
  correlationId?: string | undefined;
  topic: string;
  partition: number;
  offset: string | number;
  key?: string | null | undefined;
}

/** A child logger carrying the Kafka coordinates of the message being handled. */
export function childForMessage(logger: Logger, ctx: MessageContext): Logger {
  return logger.child({
    ...(ctx.correlationId ? { correlationId: ctx.correlationId } : {}),
    topic: ctx.topic,
    partition: ctx.partition,
    offset: String(ctx.offset),
    ...(ctx.key !== undefined && ctx.key !== null ? { key: ctx.key } : {}),
  });
}
