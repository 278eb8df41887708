/**
 * MI error catalogue. Confirmed from sources (FORMAT-NOTES 15): XAU0008 (CONO, "Not authorized for company"),
 * XIM0002 ("<field> is invalid"). The others are the simulator's choices, kept in one place so clients can see them:
 * `locked` is what the MI faults answer (the message matches the product's /\blocked\b/ rule), `itemBlocked` the
 * error the MI faults record on a batch order whose Confirm they make fail.
 */
export type MiErrorType =
  'ServerReturnedNOK' | 'TransactionNotFound' | 'MandatoryInputFieldNotFound' | 'InputFieldTooLong';

export class MiError extends Error {
  constructor(
    readonly type: MiErrorType,
    message: string,
    readonly code: string | undefined,
    readonly field: string | undefined,
  ) {
    super(message);
    this.name = 'MiError';
  }
}

export const MI_CODES = {
  invalid: 'XIM0002',
  notAuthorized: 'XAU0008',
  notFound: 'XRE0103',
  alreadyExists: 'XRE0101',
  notAllowed: 'XNA0001',
  locked: 'XRE0102',
  itemBlocked: 'XIT0001',
} as const;

/** `<description> is invalid` on a field: unknown CUNO/ITNO/WHLO, bad value. */
export const invalid = (field: string, description: string): MiError =>
  new MiError('ServerReturnedNOK', `${description} is invalid`, MI_CODES.invalid, field);

export const notFound = (field: string, description: string, value: string): MiError =>
  new MiError('ServerReturnedNOK', `${description} ${value} does not exist`, MI_CODES.notFound, field);

export const alreadyExists = (field: string, description: string, value: string): MiError =>
  new MiError('ServerReturnedNOK', `${description} ${value} already exists`, MI_CODES.alreadyExists, field);

export const notAllowed = (field: string, message: string): MiError =>
  new MiError('ServerReturnedNOK', message, MI_CODES.notAllowed, field);

/** Another user or job holds the record: nothing was done, the same call may succeed later. */
export const recordLocked = (field: string | undefined): MiError =>
  new MiError('ServerReturnedNOK', 'Record is locked by another user - try again later', MI_CODES.locked, field);

export const itemBlockedForSale = (itno: string): MiError =>
  new MiError('ServerReturnedNOK', `Item ${itno} is blocked for sale`, MI_CODES.itemBlocked, 'ITNO');

export const notAuthorizedCompany = (cono: string): MiError =>
  new MiError('ServerReturnedNOK', `Not authorized for company ${cono}`, MI_CODES.notAuthorized, 'CONO');

export const transactionNotFound = (program: string, transaction: string): MiError =>
  new MiError(
    'TransactionNotFound',
    `Transaction ${transaction} not found in program ${program}`,
    undefined,
    undefined,
  );

export const mandatoryMissing = (field: string): MiError =>
  new MiError('MandatoryInputFieldNotFound', `Mandatory input field ${field} not found`, undefined, field);

export const inputTooLong = (field: string, length: number): MiError =>
  new MiError('InputFieldTooLong', `Input field ${field} is too long, max length ${length}`, undefined, field);
