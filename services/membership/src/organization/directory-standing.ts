import { CertificationStatus, MembershipCategory, MembershipStatus, Pillar, Standing } from '../../../shared/src';

/*
 * Standing and certification status as SQL conditions over membership's own columns and its copies of the
 * certification subgraph's certificates (certification-copy/), for the directory filters. They mirror
 * `standingOn` and `organizationCertificationOn` of the certification subgraph (standing.rules.ts,
 * certification.rules.ts) for today's date; test/directory-filters.test.ts compares them with its `standing`
 * and `certificationStatus` for every sample organization. Today's date is a parameter, never stored: a copy
 * does not go stale with the calendar.
 *
 * Certificates are never recorded with a future issue date or a future-dated decision (certification.rules.ts,
 * `checkCertificateDates`, `checkEffectiveDate`), so a certificate is in force today when its decided status is
 * ACTIVE and its expiry is today or later: the organization is certified while `certified_until` (the latest
 * expiry of its active certificates) is today or later.
 */

/** What the standing rests on apart from dates; COMPANY_MEMBER is certified, pending or overdue by the dates. */
export const StandingBasis = { COMPANY_MEMBER: 'COMPANY_MEMBER' } as const;

/**
 * The standing basis of an `organization` row (the UPDATE of `refreshDirectoryCopies`): `standingOn` before the
 * certificate and the deadline are looked at.
 */
export const STANDING_BASIS_SQL =
  `(CASE WHEN membership_status = '${MembershipStatus.SUSPENDED}' THEN '${Standing.SUSPENDED}' ` +
  `WHEN membership_status <> '${MembershipStatus.ACTIVE}' THEN '${Standing.NOT_A_MEMBER}' ` +
  `WHEN pillar <> '${Pillar.PRIVATE_SECURITY_COMPANY}' THEN ` +
  `(CASE WHEN membership_category = '${MembershipCategory.OBSERVER}' THEN '${Standing.OBSERVER}' ELSE '${Standing.MEMBER}' END) ` +
  `WHEN membership_category = '${MembershipCategory.AFFILIATE}' THEN '${Standing.AFFILIATE}' ` +
  `WHEN membership_category = '${MembershipCategory.MEMBER}' THEN '${StandingBasis.COMPANY_MEMBER}' ` +
  `ELSE '${Standing.NOT_A_MEMBER}' END)`;

/** A condition and its parameters, for TypeORM's `andWhere`. */
export interface Condition {
  sql: string;
  parameters: Record<string, unknown>;
}

/**
 * Organizations whose standing today is one of `standings`, over `alias` (the `organization` row or its
 * `organization_operating_country` copy: both have standing_basis, certified_until and certification_deadline).
 * With one standing it is one range of the standing index (country, standing basis, name) with the dates
 * tested in the index.
 */
export function standingCondition(alias: string, standings: readonly Standing[], date: string): Condition {
  const company = `${alias}.standing_basis = '${StandingBasis.COMPANY_MEMBER}'`;
  const certified = `${alias}.certified_until >= :standingDay`;
  const notCertified = `(${alias}.certified_until IS NULL OR ${alias}.certified_until < :standingDay)`;
  const parts = [...new Set(standings)].map((standing) => {
    switch (standing) {
      case Standing.CERTIFIED_MEMBER:
        return `(${company} AND ${certified})`;
      case Standing.CERTIFICATION_OVERDUE:
        return `(${company} AND ${notCertified} AND ${alias}.certification_deadline < :standingDay)`;
      case Standing.MEMBER_PENDING_CERTIFICATION:
        return `(${company} AND ${notCertified} AND (${alias}.certification_deadline IS NULL OR ${alias}.certification_deadline >= :standingDay))`;
      default:
        return `${alias}.standing_basis = '${standing}'`;
    }
  });
  return { sql: `(${parts.join(' OR ')})`, parameters: { standingDay: date } };
}

/**
 * Today's certification status of the organization `alias.id` (`organizationCertificationOn`): CERTIFIED while
 * an active certificate lasts, else SUSPENDED while a suspended one would, else how the latest-ending one ended,
 * else NOT_CERTIFIED. Read from the copies' index by organization.
 */
function certificationStatusSql(alias: string): string {
  const mine = `c.organization_id = ${alias}.id`;
  return (
    `(CASE WHEN ${alias}.certified_until >= :certificationDay THEN '${CertificationStatus.CERTIFIED}' ` +
    `WHEN EXISTS (SELECT 1 FROM certification_copy c WHERE ${mine} AND c.status = 'SUSPENDED' AND c.expires_on >= :certificationDay) ` +
    `THEN '${CertificationStatus.SUSPENDED}' ` +
    `ELSE COALESCE((SELECT CASE WHEN c.status = 'WITHDRAWN' THEN '${CertificationStatus.WITHDRAWN}' ELSE '${CertificationStatus.EXPIRED}' END ` +
    `FROM certification_copy c WHERE ${mine} ORDER BY c.ended_on DESC, c.certification_id DESC LIMIT 1), ` +
    `'${CertificationStatus.NOT_CERTIFIED}') END)`
  );
}

/** Organizations whose certification status today is one of `statuses`. */
export function certificationStatusCondition(alias: string, statuses: readonly CertificationStatus[], date: string): Condition {
  return {
    sql: `${certificationStatusSql(alias)} IN (:...certificationStatuses)`,
    parameters: { certificationDay: date, certificationStatuses: [...new Set(statuses)] },
  };
}

/** Organizations holding a certificate in force today to one of `standards` (ix_certification_copy_standard). */
export function standardsCondition(alias: string, standards: readonly string[], date: string): Condition {
  return {
    sql:
      `${alias}.id IN (SELECT s.organization_id FROM certification_copy s WHERE s.standard IN (:...standards) ` +
      `AND s.status = 'ACTIVE' AND s.expires_on >= :standardDay)`,
    parameters: { standards: [...new Set(standards)], standardDay: date },
  };
}

/** Organizations holding a certificate in force today that covers one of `countries` (ix_certification_copy_country). */
export function certifiedCountriesCondition(alias: string, countries: readonly string[], date: string): Condition {
  return {
    sql:
      `${alias}.id IN (SELECT cc.organization_id FROM certification_copy_country cc WHERE cc.country IN (:...certifiedCountries) ` +
      `AND cc.status = 'ACTIVE' AND cc.expires_on >= :certifiedCountryDay)`,
    parameters: { certifiedCountries: [...new Set(countries)], certifiedCountryDay: date },
  };
}
