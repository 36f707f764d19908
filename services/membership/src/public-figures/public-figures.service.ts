import type { SelectQueryBuilder } from 'typeorm';
import { ObserverKind, paginate, reportDate, type Database, type PageRequest } from '../../../shared/src';
import { MembershipCategory, MembershipStatus, TerminationReason } from '../membership-status/membership-status.entity';
import { entryOn, observerKindOf } from '../membership-status/membership-status.rules';
import { searchByName } from '../organization/name-index';
import { Organization, Pillar } from '../organization/organization.entity';
import { OrganizationConnection } from '../organization/organization.types';
import { MembershipFigures, ObserverKindCount, PillarMembershipCount, TerminationReasonCount } from './public-figures.types';

/**
 * The companies a complaint can be filed against: private security companies that are or were members
 * or affiliates (the rule the complaints subgraph checks at filing), by name, in keyset pages.
 */
export async function companiesToComplainAbout(
  database: Database,
  search: string | null,
  page: PageRequest,
) {
  const query: SelectQueryBuilder<Organization> = database.dataSource
    .getRepository(Organization)
    .createQueryBuilder('organization')
    .where('organization.pillar = :pillar', { pillar: Pillar.PRIVATE_SECURITY_COMPANY })
    .andWhere(
      'EXISTS (SELECT 1 FROM membership_status_entry e WHERE e.organization_id = organization.id ' +
        'AND e.category IN (:...categories))',
      { categories: [MembershipCategory.MEMBER, MembershipCategory.AFFILIATE] },
    );
  // The directory's search: registered, former and trading names, through the name index.
  const { count } = await searchByName(database.dataSource.manager, query, search, 'search');
  return paginate(
    OrganizationConnection,
    query,
    [
      { column: 'organization.name', value: (o) => o.name },
      { column: 'organization.id', value: (o) => o.id },
    ],
    page,
    count,
  );
}

interface EntryRow {
  organizationId: string;
  sequence: number | string;
  status: MembershipStatus;
  category: MembershipCategory;
  effectiveFrom: string;
  reasonCode: TerminationReason | null;
  pillar: Pillar;
  observerKind: ObserverKind | null;
}

/** The membership figures of `year`, from one statement over the status histories up to year end. */
export async function membershipFigures(database: Database, year: number): Promise<MembershipFigures> {
  const asOf = reportDate(year);
  const rows = (await database.dataSource.query(
    'SELECT e.organization_id AS organizationId, e.sequence AS sequence, e.status AS status, e.category AS category, ' +
      'e.effective_from AS effectiveFrom, e.reason_code AS reasonCode, o.pillar AS pillar, o.observer_kind AS observerKind ' +
      'FROM membership_status_entry e JOIN organization o ON o.id = e.organization_id WHERE e.effective_from <= ?',
    [asOf],
  )) as EntryRow[];
  const histories = new Map<
    string,
    {
      pillar: Pillar;
      observerKind: ObserverKind | null;
      entries: { sequence: number; status: MembershipStatus; category: MembershipCategory; effectiveFrom: string; reasonCode: TerminationReason | null }[];
    }
  >();
  for (const row of rows) {
    const history = histories.get(row.organizationId) ?? { pillar: row.pillar, observerKind: row.observerKind, entries: [] };
    history.entries.push({
      sequence: Number(row.sequence), status: row.status, category: row.category, effectiveFrom: row.effectiveFrom, reasonCode: row.reasonCode,
    });
    histories.set(row.organizationId, history);
  }
  const byPillar = new Map<Pillar, PillarMembershipCount>(
    Object.values(Pillar).filter((pillar) => pillar !== Pillar.OBSERVER).map((pillar) => [
      pillar,
      Object.assign(new PillarMembershipCount(), { pillar, members: 0, affiliates: 0, observers: 0, suspended: 0 }),
    ]),
  );
  const byKind = new Map(
    Object.values(ObserverKind).map((kind) => [kind, Object.assign(new ObserverKindCount(), { kind, observers: 0, suspended: 0 })]),
  );
  const inYear = (date: string) => date >= `${year}-01-01` && date <= asOf;
  const figures = Object.assign(new MembershipFigures(), { admissions: 0, suspensions: 0, terminations: 0, withdrawals: 0 });
  // Every code, in the enum's order, 0 included: a reader compares years line by line.
  const byReason = new Map(Object.values(TerminationReason).map((reason) => [reason, 0]));
  for (const { pillar, observerKind, entries } of histories.values()) {
    const current = entryOn(entries, asOf);
    // Counted by what it was at year end: an observer by its kind, a member or affiliate by its pillar.
    if (current?.category === MembershipCategory.OBSERVER) {
      const count = byKind.get(observerKindOf(pillar, observerKind))!;
      if (current.status === MembershipStatus.SUSPENDED) count.suspended += 1;
      if (current.status === MembershipStatus.ACTIVE) count.observers += 1;
    } else if (current && byPillar.has(pillar)) {
      const count = byPillar.get(pillar)!;
      if (current.status === MembershipStatus.SUSPENDED) count.suspended += 1;
      if (current.status === MembershipStatus.ACTIVE) {
        if (current.category === MembershipCategory.MEMBER) count.members += 1;
        if (current.category === MembershipCategory.AFFILIATE) count.affiliates += 1;
      }
    }
    const first = entries.reduce((a, b) => (b.sequence < a.sequence ? b : a));
    if (inYear(first.effectiveFrom)) figures.admissions += 1;
    for (const entry of entries) {
      if (!inYear(entry.effectiveFrom)) continue;
      if (entry.status === MembershipStatus.SUSPENDED) figures.suspensions += 1;
      if (entry.status === MembershipStatus.TERMINATED) {
        figures.terminations += 1;
        const reason = entry.reasonCode ?? TerminationReason.OTHER;
        byReason.set(reason, byReason.get(reason)! + 1);
      }
      if (entry.status === MembershipStatus.WITHDRAWN) figures.withdrawals += 1;
    }
  }
  figures.byPillar = [...byPillar.values()];
  figures.byObserverKind = [...byKind.values()];
  figures.terminationsByReason = [...byReason].map(([reason, count]) => Object.assign(new TerminationReasonCount(), { reason, count }));
  return figures;
}
