import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for values kept secret at rest: a fresh random IV for every value, the authentication
 * tag stored with it, and associated data (e.g. `complaint-id:field`) that binds a value to its place,
 * so a ciphertext copied into another row or column does not decrypt. Stored as
 * `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`.
 */
export interface FieldCipher {
  encrypt(plain: string, associatedData: string): string;
  decrypt(stored: string, associatedData: string): string;
  /**
   * The same for bytes (a complainant's evidence): stored as one version byte, the IV, the tag, then the
   * ciphertext, with no base64 (a file would grow by a third).
   */
  encryptBytes(plain: Buffer, associatedData: string): Buffer;
  decryptBytes(stored: Buffer, associatedData: string): Buffer;
}

/** The first byte of bytes encrypted by `encryptBytes`: the format, as `v1` is for text. */
const BYTES_FORMAT = 0x01;

export function createFieldCipher(key: Buffer): FieldCipher {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    encrypt(plain, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(stored, associatedData) {
      const [format, iv, tag, body] = stored.split(':');
      if (format !== FORMAT || !iv || !tag || body === undefined) throw new Error('Not a value encrypted by this cipher');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    encryptBytes(plain, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([BYTES_FORMAT]), iv, cipher.getAuthTag(), body]);
    },
    decryptBytes(stored, associatedData) {
      if (stored.length < 1 + IV_BYTES + TAG_BYTES || stored[0] !== BYTES_FORMAT) throw new Error('Not bytes encrypted by this cipher');
      const decipher = createDecipheriv('aes-256-gcm', key, stored.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(stored.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(stored.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}

/** Reads a 32-byte key written as 64 hex digits or as base64; null when it is neither. */
export function parseKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return null;
}

/** SHA-256, hex: enough to store high-entropy secrets (receipt codes, idempotency keys) for lookup only. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
