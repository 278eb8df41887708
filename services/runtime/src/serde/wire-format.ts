// The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary body.
export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

export function frame(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

/** The schema id of a framed value, or undefined when the bytes are not in the Confluent wire format. */
export function schemaIdOf(bytes: Buffer): number | undefined {
  if (bytes.length < HEADER_LENGTH || bytes.readUInt8(0) !== MAGIC_BYTE) return undefined;
  return bytes.readInt32BE(1);
}
