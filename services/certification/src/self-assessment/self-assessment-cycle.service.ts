import { randomUUID } from 'node:crypto';
import { badUserInput, conflictOnUniqueViolation, notFound, nowTimestamp, paginate, type Database, type PageRequest } from '../../../shared/src';
import { isPrivateSecurityCompany, type MembershipFacts } from '../membership/membership-facts';
import { SelfAssessmentCycle, SelfAssessmentCycleCompany } from './self-assessment.entity';
import { checkCycleDates } from './self-assessment.rules';
import { SelfAssessmentCycleConnection } from './self-assessment.types';

/**
 * Records a cycle the Secretariat sends, with the companies it listed (already checked), if any; one cycle a
 * year (BAD_USER_INPUT for a second, nothing stored).
 */
export async function openCycle(
  database: Database,
  input: { year: number; sentOn: string; dueOn: string },
  organizationIds: readonly string[] | null,
  openedBy: string | null,
): Promise<SelfAssessmentCycle> {
  checkCycleDates(input.year, input.sentOn, input.dueOn);
  const write = () => database.transaction(async (manager) => {
    if (await manager.findOneBy(SelfAssessmentCycle, { year: input.year })) {
      throw badUserInput(`The ${input.year} self-assessment cycle was already opened`, 'year');
    }
    const cycle = manager.create(SelfAssessmentCycle, {
      id: randomUUID(), ...input, openedAt: nowTimestamp(), openedBy, companiesListed: organizationIds !== null,
    });
    await manager.insert(SelfAssessmentCycle, cycle);
    const rows = (organizationIds ?? []).map((organizationId) => ({ cycleId: cycle.id, organizationId }));
    for (let i = 0; i < rows.length; i += 500) await manager.insert(SelfAssessmentCycleCompany, rows.slice(i, i + 500));
    return cycle;
  });
  return conflictOnUniqueViolation(write, `The ${input.year} self-assessment cycle was opened meanwhile`);
}

/** The cycles, latest year first, in keyset pages (the unique index on the year serves the order). */
export function cyclePage(database: Database, page: PageRequest) {
  const query = database.dataSource.manager.createQueryBuilder(SelfAssessmentCycle, 'cycle');
  return paginate(SelfAssessmentCycleConnection, query, [{ column: 'cycle.year', value: (c) => c.year, descending: true, numeric: true }], page);
}

/** The cycle named by id, or else the cycle of `year`; BAD_USER_INPUT without either, NOT_FOUND when there is none. */
export async function chosenCycle(
  loaders: {
    selfAssessmentCycleById: { load(id: string): Promise<SelfAssessmentCycle | null> };
    selfAssessmentCycleByYear: { load(year: number): Promise<SelfAssessmentCycle | null> };
  },
  choice: { cycle?: string | null; year?: number | null },
): Promise<SelfAssessmentCycle> {
  if (choice.cycle != null) {
    const cycle = await loaders.selfAssessmentCycleById.load(choice.cycle);
    if (!cycle) throw notFound('Self-assessment cycle', choice.cycle);
    return cycle;
  }
  if (choice.year == null) throw badUserInput('Name the cycle, or its year', 'cycle');
  const cycle = await loaders.selfAssessmentCycleByYear.load(choice.year);
  if (!cycle) throw badUserInput(`No self-assessment cycle was opened for ${choice.year}`, 'year');
  return cycle;
}

/** The companies listed for a cycle opened with a list of its own; null for a cycle that covers the members of `sentOn`. */
export async function listedCompanies(
  loaders: { selfAssessmentCycleCompanies: { load(id: string): Promise<SelfAssessmentCycleCompany[]> } },
  cycle: SelfAssessmentCycle,
): Promise<ReadonlySet<string> | null> {
  // Asked for every cycle alike, so that a list of cycles costs the same statements whichever kinds it holds.
  const rows = await loaders.selfAssessmentCycleCompanies.load(cycle.id);
  return cycle.companiesListed ? new Set(rows.map((c) => c.organizationId)) : null;
}

/** The ids of the companies a cycle is sent to, without repeats; BAD_USER_INPUT for none, too many, or one that is not a company. */
export async function checkedCompanies(
  loaders: { membership: { loadMany(ids: readonly string[]): Promise<(MembershipFacts | null | Error)[]> } },
  organizationIds: readonly string[],
): Promise<string[]> {
  const ids = [...new Set(organizationIds)];
  if (ids.length === 0 || ids.length > 5000) throw badUserInput('organizationIds must name 1 to 5000 companies', 'organizationIds');
  const facts = await loaders.membership.loadMany(ids);
  ids.forEach((id, i) => {
    const found = facts[i];
    if (found instanceof Error) throw found;
    if (!isPrivateSecurityCompany(found)) throw badUserInput(`${id} is not a private security company`, 'organizationIds');
  });
  return ids;
}
