import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, forbidden, NeverCache, nowTimestamp, type RequestContext, type SigningKeys } from '../../../shared/src';
import { Certification, CertificationStatus } from '../certification/certification.entity';
import { certificationInForce, type CertificationLoaders } from '../organization/organization.loaders';
import { standingOn } from '../standing/standing.rules';
import { Standing } from '../standing/standing.types';
import { checkReceipt, RECEIPT_ISSUER, signReceipt, type ReceiptPayload } from './receipt';
import { ReceiptCheck, VerificationResult } from './verification.types';

/** Prepared once at start: the receipt signing keys, and whether only the gateway can reach this subgraph. */
export interface VerificationServices {
  receiptKeys: SigningKeys;
  /** True when a gateway secret is required: only then are `@requires` inputs trusted enough to sign. */
  answersOnlyTheGateway: boolean;
}

type VerificationContext = RequestContext<CertificationLoaders, VerificationServices>;

const MEMBERSHIP_FACTS = 'pillar membershipStatus membershipCategory certificationDeadline';

function membershipFacts(result: VerificationResult) {
  if (result.pillar === undefined || result.membershipStatus === undefined) {
    // Only a caller bypassing the gateway omits them; it learns nothing.
    throw badUserInput('The membership facts this field requires were not provided');
  }
  return {
    isCompany: result.pillar === 'PRIVATE_SECURITY_COMPANY',
    status: result.membershipStatus ?? null,
    category: result.membershipCategory ?? null,
    certificationDeadline: result.certificationDeadline ?? null,
  };
}

async function standingOf(result: VerificationResult, loaders: CertificationLoaders): Promise<Standing> {
  const facts = membershipFacts(result);
  const { status } = await certificationInForce(loaders, result.organizationId, result.asOf);
  return standingOn(facts, status === CertificationStatus.CERTIFIED, result.asOf);
}

/** Completes a verification result with standing, certificate and receipt; checks receipts. */
@Resolver(() => VerificationResult)
export class VerificationResultResolver {
  @Directive(`@requires(fields: "${MEMBERSHIP_FACTS}")`)
  @FieldResolver(() => Standing, { nullable: true, description: 'Membership and certification combined, on `asOf`.' })
  standing(@Root() result: VerificationResult, @Ctx() { loaders }: VerificationContext) {
    return standingOf(result, loaders);
  }

  @FieldResolver(() => CertificationStatus, { nullable: true, description: 'The organization\'s certification status on `asOf`.' })
  async certificationStatus(@Root() result: VerificationResult, @Ctx() { loaders }: VerificationContext) {
    return (await certificationInForce(loaders, result.organizationId, result.asOf)).status;
  }

  @FieldResolver(() => Certification, {
    nullable: true,
    description: 'The certificate the certification status rests on, on `asOf`; null when there is none.',
  })
  async certificate(@Root() result: VerificationResult, @Ctx() { loaders }: VerificationContext) {
    return (await certificationInForce(loaders, result.organizationId, result.asOf)).certificate;
  }

  @Directive(`@requires(fields: "organizationName ${MEMBERSHIP_FACTS}")`)
  @NeverCache()
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'A receipt to file: a compact JWS (EdDSA) signed by the Association over the organization, the day asked ' +
      'about, the standing, the certificate and its validity, and the time of the check. Anyone can check it ' +
      'with the public keys at /.well-known/jwks.json, or with `checkVerificationReceipt`.',
  })
  async receipt(@Root() result: VerificationResult, @Ctx() { loaders, services }: VerificationContext): Promise<string> {
    if (!services.answersOnlyTheGateway) {
      // Without the gateway's secret anyone could send forged membership facts to be signed.
      throw forbidden('Receipts are signed only where this subgraph answers the gateway alone (set GATEWAY_SECRET)');
    }
    const facts = membershipFacts(result);
    const { status, certificate, validUntil } = await certificationInForce(loaders, result.organizationId, result.asOf);
    const payload: ReceiptPayload = {
      iss: RECEIPT_ISSUER,
      organizationId: result.organizationId,
      organizationName: result.organizationName ?? '',
      asOf: result.asOf,
      standing: standingOn(facts, status === CertificationStatus.CERTIFIED, result.asOf),
      membershipStatus: facts.status,
      certificate: certificate
        ? {
            number: certificate.certificateNumber,
            standard: certificate.standard,
            validFrom: certificate.issuedOn,
            validUntil: validUntil ?? certificate.expiresOn,
          }
        : null,
      checkedAt: nowTimestamp(),
    };
    return signReceipt(services.receiptKeys, payload);
  }

  @Query(() => ReceiptCheck, {
    description:
      'Checks a verification receipt: whether the Association signed it and it is unaltered, and what it says. ' +
      'Public. Something that is not a receipt at all is BAD_USER_INPUT.',
  })
  async checkVerificationReceipt(
    @Arg('receipt', () => String, { description: 'The receipt as it was received (a compact JWS).' }) receipt: string,
    @Ctx() { services }: VerificationContext,
  ): Promise<ReceiptCheck> {
    const checked = await checkReceipt(services.receiptKeys, receipt);
    const empty = {
      keyId: null,
      organizationId: null,
      organizationName: null,
      asOf: null,
      standing: null,
      certificateNumber: null,
      certificateValidFrom: null,
      certificateValidUntil: null,
      checkedAt: null,
    };
    if (!checked.genuine) return Object.assign(new ReceiptCheck(), { genuine: false, reason: checked.reason, ...empty });
    const { payload } = checked;
    return Object.assign(new ReceiptCheck(), {
      genuine: true,
      reason: null,
      keyId: checked.kid,
      organizationId: payload.organizationId,
      organizationName: payload.organizationName,
      asOf: payload.asOf,
      standing: payload.standing,
      certificateNumber: payload.certificate?.number ?? null,
      certificateValidFrom: payload.certificate?.validFrom ?? null,
      certificateValidUntil: payload.certificate?.validUntil ?? null,
      checkedAt: payload.checkedAt,
    });
  }
}

/** Resolves `VerificationResult` by key: the representation carries the required membership facts. */
export function resolveVerificationResult(reference: Record<string, string>): VerificationResult {
  return Object.assign(new VerificationResult(), reference);
}
