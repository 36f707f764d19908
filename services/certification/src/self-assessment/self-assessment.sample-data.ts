/** FICTIONAL SAMPLE self-assessment cycles, dated relative to today like the rest of the sample. */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SelfAssessmentCycle } from './self-assessment.entity';
import { calendarYearCycle } from './self-assessment.rules';

/**
 * The year of the sample's latest cycle: the last 1 July not after `day` (the sample sends each cycle on
 * 1 July, so before July the latest sent cycle is last year's).
 */
export function sampleCycleYear(day: string): number {
  const year = Number(day.slice(0, 4));
  return day >= `${year}-07-01` ? year : year - 1;
}

/**
 * The sample's cycles: the two years before the latest as recorded before cycles had dates of their own
 * (1 January to 31 December), the latest sent on 1 July and due on 23 September, the dates of the
 * Association's 2020 Company Self-Assessment.
 */
export async function insertSampleCycles(tx: EntityManager, latestYear: number): Promise<SelfAssessmentCycle[]> {
  const cycles = [
    { year: latestYear - 2, ...calendarYearCycle(latestYear - 2) },
    { year: latestYear - 1, ...calendarYearCycle(latestYear - 1) },
    { year: latestYear, sentOn: `${latestYear}-07-01`, dueOn: `${latestYear}-09-23` },
  ].map((c) => tx.create(SelfAssessmentCycle, { id: randomUUID(), ...c, openedAt: `${c.sentOn}T08:00:00.000Z`, openedBy: 'sample-data', companiesListed: false }));
  await tx.insert(SelfAssessmentCycle, cycles);
  return cycles;
}
