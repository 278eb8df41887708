import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { M3State } from '../state/store';
import type { Change } from '../state/types';
import { LOGICAL_ID, snapshot } from './nouns';

export const OAGIS_NS = 'http://schema.infor.com/InforOAGIS/2';

export interface Bod {
  bodId: string;
  verb: 'Sync';
  noun: Change['noun'];
  documentId: string;
  variationId: number;
  actionCode: Change['action'];
  creationDateTime: string;
  xml: string;
}

/** One builder per publisher (XMLBuilder escapes text and attributes; output is UTF-8, non-ASCII kept). */
export function createBodBuilder(state: M3State) {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true });
  const accountingEntity = `${state.company.CONO}_${state.company.DIVI}`;

  return (change: Change, variationId: number): Bod | undefined => {
    const noun = snapshot(state, change.noun, change.id);
    if (!noun) return undefined;
    const bodId = randomUUID();
    const creationDateTime = new Date(state.now()).toISOString();
    const location = noun.location ?? state.company.FACI;
    const documentId = noun.id;
    const idElement = {
      '#text': noun.idText ?? documentId,
      '@_accountingEntity': accountingEntity,
      '@_location': location,
      '@_lid': LOGICAL_ID,
      '@_variationID': String(variationId),
    };
    const root = `Sync${change.noun}`;
    const tree = {
      '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
      [root]: {
        '@_xmlns': OAGIS_NS,
        '@_releaseID': '9.2',
        '@_versionID': '2.13.0',
        ApplicationArea: {
          Sender: { LogicalID: LOGICAL_ID, ComponentID: 'M3BE', ConfirmationCode: 'OnError' },
          CreationDateTime: creationDateTime,
          BODID: bodId,
        },
        DataArea: {
          Sync: {
            TenantID: 'infor',
            AccountingEntityID: accountingEntity,
            LocationID: location,
            ActionCriteria: { ActionExpression: { '@_actionCode': change.action } },
          },
          [change.noun]: noun.build(idElement),
        },
      },
    };
    return {
      bodId,
      verb: 'Sync',
      noun: change.noun,
      documentId,
      variationId,
      actionCode: change.action,
      creationDateTime,
      xml: builder.build(tree),
    };
  };
}
