// The two ways a document fails to map: for good (DLQ with the problems) or for now (retry later).
import { AppError, type HandlerResult } from '@m3mage/runtime';
import { formatProblems, type Problem } from '../mappings/kit';

export function unmappable(what: string, mapping: string, problems: Problem[]): HandlerResult {
  const error = new AppError(
    'MAPPING_UNMAPPABLE',
    `${what} cannot be mapped (${mapping}): ${formatProblems(problems)}`,
    {
      details: { mapping, problems },
    },
  );
  return { outcome: 'dead-letter', error };
}

export function notYet(reason: string, details: Record<string, unknown>): HandlerResult {
  return { outcome: 'retry', error: new AppError('MAPPING_NOT_YET', reason, { details }) };
}

export const ACK: HandlerResult = Object.freeze({ outcome: 'ack' });
