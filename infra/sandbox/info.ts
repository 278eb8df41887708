// What `npm start` writes to .stack/sandbox/sandbox.json for `npm run demo` and for people.
export interface SandboxInfo {
  m3Url: string;
  /** The simulator's .ionapi file and company, for tools that call M3 (npm run backfill). */
  m3IonapiFile: string;
  m3Company: string;
  magentoUrl: string;
  magentoToken: string;
  /** KAFKA_NAMESPACE of the sandbox's topics, groups and subjects ('' for none). */
  namespace: string;
  services: Array<{ name: string; url: string }>;
}
