import { randomUUID } from 'node:crypto';
import { badUserInput, conflictOnUniqueViolation, notFound, nowTimestamp, paginate, type Database } from '../../../shared/src';
import { SelfAssessmentCycle } from './self-assessment.entity';
import { checkCycleDates } from './self-assessment.rules';
import { SelfAssessmentCycleConnection } from './self-assessment.types';

/** Records a cycle the Secretariat sends; one a year (BAD_USER_INPUT for a second, nothing stored). */
export async function openCycle(
  database: Database,
  input: { year: number; sentOn: string; dueOn: string },
  openedBy: string | null,
): Promise<SelfAssessmentCycle> {
  checkCycleDates(input.year, input.sentOn, input.dueOn);
  const write = () => database.transaction(async (manager) => {
    if (await manager.findOneBy(SelfAssessmentCycle, { year: input.year })) {
      throw badUserInput(`The ${input.year} self-assessment cycle was already opened`, 'year');
    }
    const cycle = manager.create(SelfAssessmentCycle, { id: randomUUID(), ...input, openedAt: nowTimestamp(), openedBy });
    await manager.insert(SelfAssessmentCycle, cycle);
    return cycle;
  });
  return conflictOnUniqueViolation(write, `The ${input.year} self-assessment cycle was opened meanwhile`);
}

/** The cycles, latest year first, in keyset pages (the unique index on the year serves the order). */
export function cyclePage(database: Database, page: { first: number | null; after: string | null }) {
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
