import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { listLoader, recordLoader, type Database, type PeerClient } from '../../../shared/src';
import type { MembershipFacts } from '../membership/membership-facts';
import { listCompanies } from '../membership/membership.peer';
import { SelfAssessmentCycle, SelfAssessmentCycleCompany, SelfAssessmentRecord } from './self-assessment.entity';

/** Per-request loaders of self-assessments and their cycles: one statement (or peer round) per batch. */
export function createSelfAssessmentLoaders(database: Database, membership: PeerClient) {
  const manager = database.dataSource.manager;
  return {
    selfAssessmentsByOrganization: listLoader<string, SelfAssessmentRecord>(
      (ids) =>
        manager.find(SelfAssessmentRecord, { where: { organizationId: In([...ids]) }, order: { year: 'ASC' } }),
      (s) => s.organizationId,
    ),
    /** The submissions of a cycle's year, for the companies of one or several cycles at once. */
    selfAssessmentsByYear: listLoader<number, SelfAssessmentRecord>(
      (years) => manager.find(SelfAssessmentRecord, { where: { year: In([...years]) } }),
      (s) => s.year,
    ),
    selfAssessmentCycleById: recordLoader<string, SelfAssessmentCycle>(
      (ids) => manager.findBy(SelfAssessmentCycle, { id: In([...ids]) }),
      (c) => c.id,
    ),
    selfAssessmentCycleByYear: recordLoader<number, SelfAssessmentCycle>(
      (years) => manager.findBy(SelfAssessmentCycle, { year: In([...years]) }),
      (c) => c.year,
    ),
    /** The companies listed for cycles opened with a list of their own, by cycle. */
    selfAssessmentCycleCompanies: listLoader<string, SelfAssessmentCycleCompany>(
      (ids) => manager.findBy(SelfAssessmentCycleCompany, { cycleId: In([...ids]) }),
      (c) => c.cycleId,
    ),
    /** Every company the membership subgraph knows, asked once per request whatever the number of cycles listed. */
    membershipCompanies: new DataLoader<'all', MembershipFacts[]>(async (keys) => {
      const companies = await listCompanies(membership);
      return keys.map(() => companies);
    }),
  };
}
