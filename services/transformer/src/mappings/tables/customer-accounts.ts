// How Magento customer accounts become M3 customers (CRS610), and which side owns which M3 field
// (issue 11; MASTER-DATA-NOTES §3). The business reviews this file; docs/mappings.md shows it.
import { settings } from './settings';

/**
 * CRS610MI ChgBasicData fields a Magento account change writes to an existing M3 customer: Magento owns
 * them. Every other field of the M3 customer is left as M3 has it.
 */
export const ownedByMagento = Object.freeze(['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4', 'PONO', 'TOWN', 'CSCD', 'MAIL']);

/**
 * Fields M3 owns: written from Magento only when the customer is created (CRS610MI Add), never on an
 * update — phone (PHNO), customer type (CUTP) and status (STAT; except the status a Magento delete sets).
 */
export const ownedByM3 = Object.freeze(['PHNO', 'CUTP', 'STAT']);

export const customerAccounts = Object.freeze({
  /** CRS610MI Add CUTM for customers created from a Magento account. */
  template: settings.customerTemplate,
  /** The M3 delivery address Magento's default shipping address is kept in: ADRT (1 = delivery) and ADID. */
  deliveryAddressType: '1',
  deliveryAddressId: 'WEB',
  /** STAT an M3 customer gets when its Magento account is deleted (M3 keeps the customer and its history). */
  deactivateStatus: '90',
});
