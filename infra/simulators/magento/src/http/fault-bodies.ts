import { errors } from './errors';

const TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Bodies of injected faults: a masked internal error for 500, a Magento-shaped message otherwise. */
export function errorBodyForStatus(status: number): unknown {
  if (status === 500) return errors.internal().toBody();
  return { message: TEXT[status] ?? 'Error', parameters: [] };
}
