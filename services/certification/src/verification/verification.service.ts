import type { SigningKeys } from '../../../shared/src';
import type { Certification } from '../certification/certification.entity';
import type { Standing } from '../standing/standing.rules';
import { RECEIPT_ISSUER, signReceipt } from './receipt';

/**
 * What a verification receipt states of an organization on `asOf`: its standing and what the standing rests
 * on (standing/standing.service.ts, `standingOfOrganization`), and when the check was made.
 */
export interface ReceiptFacts {
  organizationId: string;
  /** Its registered name, as the membership subgraph states it (never as a caller handed it). */
  organizationName: string;
  asOf: string;
  standing: Standing;
  membershipStatus: string | null;
  /** The certificate in force on `asOf` and its validity that day (certification/certification-in-force.ts). */
  certification: { certificate: Certification | null; validUntil: string | null };
  checkedAt: string;
}

/**
 * The one way a receipt is made, for `VerificationResult.receipt` and for every change the standing tracker
 * records: the payload in one order (the signature covers its bytes), signed with the Association's key.
 */
export function signVerificationReceipt(keys: SigningKeys, facts: ReceiptFacts): Promise<string> {
  const { certificate, validUntil } = facts.certification;
  return signReceipt(keys, {
    iss: RECEIPT_ISSUER,
    organizationId: facts.organizationId,
    organizationName: facts.organizationName,
    asOf: facts.asOf,
    standing: facts.standing,
    membershipStatus: facts.membershipStatus,
    certificate: certificate
      ? {
          number: certificate.certificateNumber,
          standard: certificate.standard,
          validFrom: certificate.issuedOn,
          validUntil: validUntil ?? certificate.expiresOn,
        }
      : null,
    checkedAt: facts.checkedAt,
  });
}
