// What m3-writer does with an M3 ServerReturnedNOK: data, first matching rule wins. The runtime already
// tells a lock (transient) from "does not exist" / "invalid" (permanent); here the writer adds what it
// knows about its own calls: an unknown item or customer may be synced later (retry, then DLQ with the
// reason), an unknown warehouse or template is configuration (DLQ at once). Documented in the README.
import { AppError, type ErrorCode } from '@m3mage/runtime';

export type NokAction = 'retry' | 'not-yet' | 'dead-letter';

export interface NokRule {
  /** `PROGRAM/Transaction`; omitted = any. */
  operation?: string;
  /** The NOK's @field (trimmed); omitted = any. */
  field?: string;
  /** The runtime's category (details.m3Category): locked, not-found, invalid, not-authorized, unknown. */
  categories?: readonly string[];
  action: NokAction;
  /** What a person does about it; `{FIELD}` is replaced by the value sent. */
  remedy: string;
}

export const nokRules: readonly NokRule[] = Object.freeze([
  { categories: ['locked'], action: 'retry', remedy: 'M3 record locked by another job; retried' },
  {
    operation: 'OIS100MI/AddBatchLine',
    field: 'ITNO',
    categories: ['not-found', 'invalid'],
    action: 'not-yet',
    remedy:
      'Item {ITNO} is not active in M3 (or has no item/warehouse record in {WHLO}): sync the item to M3 (MMS001/MMS002) or fix the SKU → ITNO mapping, then replay',
  },
  {
    operation: 'CRS610MI/Add',
    field: 'CUNO',
    categories: ['invalid', 'not-authorized', 'unknown'],
    action: 'dead-letter',
    remedy:
      'M3 refused the customer number {CUNO} for a new customer: allow manual numbers for template {CUTM}, or set M3_CUSTOMER_NUMBERING=series (ADR 0008), then replay',
  },
  {
    field: 'CUNO',
    categories: ['not-found', 'invalid'],
    action: 'not-yet',
    remedy: 'Customer {CUNO} does not exist in M3 (yet): check CRS610 and the xref.customer.v1 entry, then replay',
  },
  {
    field: 'WHLO',
    action: 'dead-letter',
    remedy:
      'Warehouse {WHLO} is not known to M3: fix the Magento source → warehouse table (warehouseBySource, services/transformer/src/mappings/tables/warehouses.ts), then replay',
  },
  {
    operation: 'CRS610MI/Add',
    field: 'CUTM',
    action: 'dead-letter',
    remedy:
      'Customer template {CUTM} does not exist in M3: set settings.customerTemplate (services/transformer/src/mappings/tables/settings.ts) to a CRS610 template customer, then replay',
  },
  {
    field: 'CONO',
    categories: ['not-authorized'],
    action: 'dead-letter',
    remedy: 'The ION API service account is not authorized for company {CONO}: fix M3_COMPANY or the user in MNS150',
  },
]);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

function matches(rule: NokRule, operation: string, field: string | undefined, category: string | undefined): boolean {
  if (rule.operation !== undefined && rule.operation !== operation) return false;
  if (rule.field !== undefined && rule.field !== field) return false;
  if (rule.categories !== undefined && (category === undefined || !rule.categories.includes(category))) return false;
  return true;
}

const CODE: Record<NokAction, ErrorCode> = { retry: 'M3_NOK', 'not-yet': 'MAPPING_NOT_YET', 'dead-letter': 'M3_NOK' };

/** An M3_NOK error of `operation` (called with `fields`) after the writer's policy; other errors unchanged. */
export function applyNokPolicy(err: AppError, operation: string, fields: Readonly<Record<string, string>>): AppError {
  if (err.code !== 'M3_NOK') return err;
  const field = str(err.details?.['m3Field']);
  const category = str(err.details?.['m3Category']);
  const rule = nokRules.find((r) => matches(r, operation, field, category));
  if (!rule) return err;
  const remedy = rule.remedy.replace(/\{([A-Z0-9]{4})\}/g, (_, f: string) => fields[f] ?? '(default)');
  return new AppError(CODE[rule.action], `${operation}: ${err.message} — ${remedy}`, {
    cause: err,
    details: { ...err.details, operation, nokAction: rule.action },
    kind: rule.action === 'dead-letter' ? 'validation' : 'transient',
    retriable: rule.action !== 'dead-letter',
  });
}
