import { randomBytes } from 'node:crypto';

/** Magento's Web API error body: a template with `%1` / `%name` placeholders and its parameters. */
export interface MagentoErrorBody {
  message: string;
  parameters?: unknown[] | Record<string, unknown>;
  errors?: MagentoErrorBody[];
}

/** An error answered exactly as Magento's ErrorProcessor would (status + `{message, parameters}`). */
export class MagentoError extends Error {
  constructor(
    readonly status: number,
    readonly template: string,
    readonly parameters: unknown[] | Record<string, unknown> = [],
    readonly errors?: MagentoErrorBody[],
  ) {
    super(template);
    this.name = 'MagentoError';
  }

  toBody(): MagentoErrorBody {
    const body: MagentoErrorBody = { message: this.template, parameters: this.parameters };
    if (this.errors) body.errors = this.errors;
    return body;
  }
}

/** The catalogue: every error the simulator answers, with Magento's own wording. */
export const errors = {
  notAuthorized: (resources: string) =>
    new MagentoError(401, "The consumer isn't authorized to access %resources.", { resources }),
  signInIncorrect: () =>
    new MagentoError(
      401,
      'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.',
    ),
  noSuchEntity: (fieldName: string, fieldValue: unknown) =>
    new MagentoError(404, 'No such entity with %fieldName = %fieldValue', { fieldName, fieldValue }),
  entityNotFound: () =>
    new MagentoError(404, "The entity that was requested doesn't exist. Verify the entity and try again."),
  productNotFound: () =>
    new MagentoError(404, "The product that was requested doesn't exist. Verify the product and try again."),
  routeNotFound: () => new MagentoError(404, 'Request does not match any route.'),
  required: (fieldName: string) =>
    new MagentoError(400, '"%fieldName" is required. Enter and try again.', { fieldName }),
  invalidValue: (value: unknown, fieldName: string) =>
    new MagentoError(400, 'Invalid value of "%value" provided for the %fieldName field.', { value, fieldName }),
  decoding: () => new MagentoError(400, 'Decoding error: \nSyntax error'),
  badRequest: (message: string, parameters: unknown[] | Record<string, unknown> = []) =>
    new MagentoError(400, message, parameters),
  /** Production-mode mask of an unexpected exception (ErrorProcessor::maskException). */
  internal: () =>
    new MagentoError(
      500,
      `Internal Error. Details are available in Magento log file. Report ID: webapi-${randomBytes(6).toString('hex')}`,
    ),
} as const;
