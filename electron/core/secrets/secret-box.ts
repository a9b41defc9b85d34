import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export const DATA_KEY_BYTES = 32;

/**
 * AES-256-GCM. `purpose` is authenticated data: a value sealed for "smtp.password" cannot be
 * replayed into another slot (a token column, say) without failing to open.
 * Layout: version (1) | iv (12) | tag (16) | ciphertext.
 */
export function seal(key: Buffer, purpose: string, plaintext: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws if the blob was tampered with, sealed under another key, or for another purpose. */
export function open(key: Buffer, purpose: string, blob: Buffer): string {
  if (blob.length < HEADER_BYTES || blob[0] !== VERSION) throw new Error('sealed value has an unknown format');
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const tag = blob.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(blob.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
}
