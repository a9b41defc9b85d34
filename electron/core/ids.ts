import { randomBytes } from 'node:crypto';

/** `pool-3f9a…`: a prefix naming the entity and 96 random bits, hex-encoded. */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}
