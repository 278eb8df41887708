// The version of an M3 command for the runtime's version guard (integerVersions): the M3 change stamp (a
// decimal integer; anything else reads as 0, older than every real stamp) and a hash of what the command
// says, so two changes under one stamp are told apart and a repeat of the same content is a duplicate.
import { contentHash, type Version } from '@m3mage/runtime';

export const m3Version = (stamp: string, content: unknown): Version<bigint> => ({
  value: BigInt(/^\d+$/.test(stamp) ? stamp : '0'),
  hash: contentHash(content),
});
