import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { forbidden, NeverCache, notFound, nowTimestamp, type RequestContext } from '../../../shared/src';
import { Certification, CertificationStatus } from '../certification/certification.entity';
import { certificationInForce } from '../certification/certification-in-force';
import type { CertificationLoaders } from '../context';
import type { MembershipFacts } from '../membership/membership-facts';
import { standingOfOrganization } from '../standing/standing.service';
import { Standing } from '../standing/standing.types';
import { checkReceipt } from './receipt';
import { differingFacts } from './verification.rules';
import { signVerificationReceipt } from './verification.service';
import { ReceiptCheck, VerificationResult, type VerificationServices } from './verification.types';

type VerificationContext = RequestContext<CertificationLoaders, VerificationServices>;

const MEMBERSHIP_FACTS = 'pillar membershipStatus membershipCategory certificationDeadline';

const checked = new WeakMap<VerificationResult, Promise<MembershipFacts>>();

/**
 * The membership facts a standing or receipt rests on, fetched from the membership subgraph (one call
 * per request for all results), never taken from the representation: whoever holds this subgraph's
 * secret could forge that. A representation that differs is logged as a security event (a forgery, or
 * a change that raced with the request). Once per result, however many fields ask.
 */
function checkedMembership(result: VerificationResult, context: VerificationContext): Promise<MembershipFacts> {
  let found = checked.get(result);
  if (!found) {
    found = (async () => {
      const stated = await context.loaders.membership.load(result.organizationId);
      if (!stated) throw notFound('Organization', result.organizationId);
      const fields = differingFacts(result, stated, result.asOf);
      if (fields.length) {
        context.logger.warn('membership facts handed to the certification subgraph differ from the membership subgraph\'s', {
          event: 'security',
          entity: 'VerificationResult',
          organizationId: result.organizationId,
          asOf: result.asOf,
          fields,
        });
      }
      return stated;
    })();
    checked.set(result, found);
  }
  return found;
}

/** The standing on the result's `asOf`, from the facts this subgraph fetched itself (see `checkedMembership`). */
function standingOf(result: VerificationResult, context: VerificationContext) {
  return standingOfOrganization(context.loaders, result.organizationId, checkedMembership(result, context), result.asOf);
}

/** Completes a verification result with standing, certificate and receipt; checks receipts. */
@Resolver(() => VerificationResult)
export class VerificationResultResolver {
  @Directive(`@requires(fields: "${MEMBERSHIP_FACTS}")`)
  @FieldResolver(() => Standing, { nullable: true, description: 'Membership and certification combined, on `asOf`.' })
  async standing(@Root() result: VerificationResult, @Ctx() context: VerificationContext): Promise<Standing> {
    return (await standingOf(result, context)).standing;
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
  async receipt(@Root() result: VerificationResult, @Ctx() context: VerificationContext): Promise<string> {
    const { services } = context;
    if (!services.answersOnlyTheGateway) {
      // Signing is for the graph's clients only: a subgraph anyone can reach would sign for anyone.
      throw forbidden('Receipts are signed only where this subgraph answers the gateway alone (set GATEWAY_SECRET)');
    }
    const [stated, { standing, membership, certification }] = await Promise.all([
      checkedMembership(result, context),
      standingOf(result, context),
    ]);
    return signVerificationReceipt(services.receiptKeys, {
      organizationId: result.organizationId,
      organizationName: stated.name,
      asOf: result.asOf,
      standing,
      membershipStatus: membership.status,
      certification,
      checkedAt: nowTimestamp(),
    });
  }

  @Query(() => ReceiptCheck, {
    nullable: true,
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
