import { badUserInput, type SigningKeys } from '../../../shared/src';
import type { Standing } from '../standing/standing.rules';

/** The media type in the JWS header, so a receipt cannot be mistaken for another signed document. */
export const RECEIPT_TYPE = 'icoca-verification-receipt+jws';
export const RECEIPT_ISSUER = 'ICoCA Graph';

/** The signed content of a verification receipt. */
export interface ReceiptPayload {
  iss: string;
  organizationId: string;
  organizationName: string;
  asOf: string;
  standing: Standing;
  membershipStatus: string | null;
  certificate: { number: string; standard: string; validFrom: string; validUntil: string } | null;
  checkedAt: string;
}

export function signReceipt(keys: SigningKeys, payload: ReceiptPayload): Promise<string> {
  return keys.sign({ ...payload }, RECEIPT_TYPE);
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Checks a receipt: something that is not a compact JWS at all is BAD_USER_INPUT; a JWS that was altered
 * or signed by an unknown key is answered as not genuine.
 */
export async function checkReceipt(
  keys: SigningKeys,
  receipt: string,
): Promise<{ genuine: true; kid: string; payload: ReceiptPayload } | { genuine: false; reason: string }> {
  const trimmed = receipt.trim();
  if (trimmed.length > 10_000 || !COMPACT_JWS.test(trimmed)) {
    throw badUserInput('receipt is not a verification receipt (a compact JWS: three base64url parts)', 'receipt');
  }
  let header: { kid?: unknown; typ?: unknown };
  try {
    header = JSON.parse(Buffer.from(trimmed.split('.')[0], 'base64url').toString('utf8')) as typeof header;
  } catch {
    throw badUserInput('receipt is not a verification receipt (its header is not JSON)', 'receipt');
  }
  if (header.typ !== RECEIPT_TYPE) return { genuine: false, reason: 'This is not an ICoCA verification receipt' };
  const payload = await keys.verify(trimmed);
  if (!payload) {
    return { genuine: false, reason: 'The signature does not match: the receipt was altered or not signed by the Association' };
  }
  return { genuine: true, kid: String(header.kid), payload: payload as unknown as ReceiptPayload };
}
