// What the Kafka layer needs from a value serde. Avro is the implementation; tests may pass their own.
export interface ValueSerde {
  /** Encode a value for a topic (subject `<topic>-value`). */
  encode(topic: string, value: unknown): Promise<Buffer>;
  /** Decode bytes written by `encode` (the schema id travels in the bytes). */
  decode(bytes: Buffer): Promise<unknown>;
}
