// Against the real registry: BACKWARD compatibility is enforced and old messages decode with new schemas.
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { loadSchemas } from '../index';
import { registerWithCompatibility, registryClient, RegistryError } from '../registry-client';
import { allTopics } from '../../infra/topics/derive';
import { testStack, uniqueName } from '../../test/support/env';

const v1 = {
  type: 'record',
  name: 'Probe',
  namespace: 'm3mage.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'qty', type: 'string' },
  ],
};
const v2Compatible = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
const v2NoDefault = { ...v1, fields: [...v1.fields, { name: 'warehouse', type: 'string' }] };
const v2TypeChange = {
  ...v1,
  fields: [
    { name: 'id', type: 'string' },
    { name: 'qty', type: 'double' },
  ],
};

describe('schema registry compatibility (real registry)', () => {
  const client = registryClient(testStack().registryUrl);

  it('accepts a compatible evolution and rejects incompatible ones under BACKWARD', async () => {
    const subject = `${uniqueName('probe')}-value`;
    const id1 = await registerWithCompatibility(client, subject, v1);
    expect(await client.isCompatible(subject, v2NoDefault)).toBe(false);
    expect(await client.isCompatible(subject, v2TypeChange)).toBe(false);
    await expect(registerWithCompatibility(client, subject, v2NoDefault)).rejects.toBeInstanceOf(RegistryError);
    // The registry itself refuses it too, not just our pre-check.
    await expect(client.register(subject, v2TypeChange)).rejects.toMatchObject({ status: 409 });
    const id2 = await registerWithCompatibility(client, subject, v2Compatible);
    expect(id2).not.toBe(id1);
    expect((await client.latest(subject))?.version).toBe(2);
  });

  it('decodes a message written with the old schema using the new one', async () => {
    const subject = `${uniqueName('probe')}-value`;
    await registerWithCompatibility(client, subject, v1);
    await registerWithCompatibility(client, subject, v2Compatible);
    const writer = avro.Type.forSchema(v1 as avro.Schema);
    const reader = avro.Type.forSchema(JSON.parse((await client.latest(subject))!.schema) as avro.Schema);
    const oldBytes = writer.toBuffer({ id: 'A-1', qty: '2.5000' });
    const decoded = reader.fromBuffer(oldBytes, reader.createResolver(writer)) as {
      id: string;
      qty: string;
      note: string | null;
    };
    expect(decoded).toEqual({ id: 'A-1', qty: '2.5000', note: null });
  });

  it('registers every catalogued schema', async () => {
    const schemas = loadSchemas();
    const prefix = uniqueName('cat');
    const registered: string[] = [];
    for (const t of allTopics().filter((x) => schemas.names().includes(x.valueSchema))) {
      const id = await registerWithCompatibility(client, `${prefix}.${t.name}-value`, schemas.resolve(t.valueSchema));
      expect(id).toBeGreaterThan(0);
      registered.push(t.name);
    }
    expect(registered).toContain('cdc.magento.order.v1');
    expect(registered).toContain('cmd.m3.customer-order.v1');
  });
});
