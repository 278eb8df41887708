// How Magento REST answers are read by the runtime HTTP client (its `answers` option): the error body is a
// {message, parameters} template rendered into the message; 404 means "no such entity" and any other 4xx
// a refused input.
import type { SystemAnswers } from '@m3mage/runtime';
import { parseMagentoError } from './error-body';

/** The runtime HTTP client's `answers` for Magento REST. */
export const magentoAnswers: SystemAnswers = Object.freeze({
  clientError: (status: number) => (status === 404 ? 'MAGENTO_NOT_FOUND' : 'MAGENTO_VALIDATION'),
  errorBody(body: unknown) {
    const read = parseMagentoError(body);
    if (!read) return undefined;
    return {
      message: read.message,
      details: { template: read.template, ...(read.parameters !== undefined ? { parameters: read.parameters } : {}) },
    };
  },
});
