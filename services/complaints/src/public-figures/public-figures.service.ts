import { reportDate, type Database, type Viewer } from '../../../shared/src';
import { sectionOfProvision } from '../catalogue/catalogue.service';
import { CodeSection } from '../catalogue/catalogue.types';
import { ComplaintKind } from '../catalogue/catalogue.enums';
import { CodeProvision, CompanyCheckStatus, ComplaintStatus } from '../complaint/complaint.enums';
import {
  CodeSectionCount,
  ComplaintFigures,
  ComplaintKindCount,
  ComplaintStatusCount,
  CumulativeComplaintFigures,
} from './public-figures.types';
import {
  cumulativePartStates,
  DISCLOSURE_THRESHOLD,
  protectCells,
  protectSections,
  protectYear,
  type YearCounts,
} from '../disclosure/disclosure.rules';
import { protectedCount, protectedFigure } from '../disclosure/protected-count';

interface YearRow {
  id: string;
  kind: ComplaintKind;
  companyCheck: CompanyCheckStatus;
  statusAtYearEnd: ComplaintStatus;
}

interface TotalsRow {
  year: number | string;
  status: ComplaintStatus;
  companyCheck: CompanyCheckStatus;
  /** The year it was found inadmissible, if it was. */
  inadmissibleYear: string | null;
  count: number | string;
}

/**
 * The complaint figures of `year`, in three statements whatever the number of complaints: the year's
 * complaints with their status at year end, their allegations, and the counts of every year up to this
 * one by status at the end of its year and company check (a cumulative figure is shown only when every
 * year's is). What is shown is decided by the disclosure rules (disclosure/disclosure.rules.ts);
 * `viewer` only decides whether withheld counts are given too (to the Secretariat).
 */
export async function complaintFigures(database: Database, year: number, viewer: Viewer): Promise<ComplaintFigures> {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  const asOfEnd = `${reportDate(year)}T23:59:59.999Z`;
  const query = database.dataSource;
  const rows = (await query.query(
    'SELECT c.id AS id, c.kind AS kind, c.company_check AS companyCheck, ' +
      '(SELECT e.to_status FROM complaint_event e WHERE e.complaint_id = c.id AND e.occurred_at <= ? ' +
      'ORDER BY e.sequence DESC LIMIT 1) AS statusAtYearEnd ' +
      'FROM complaint c WHERE c.submitted_at >= ? AND c.submitted_at < ?',
    [asOfEnd, start, end],
  )) as YearRow[];
  const allegations = (await query.query(
    'SELECT a.complaint_id AS complaintId, a.provision AS provision ' +
      'FROM complaint_allegation a JOIN complaint c ON c.id = a.complaint_id WHERE c.submitted_at >= ? AND c.submitted_at < ?',
    [start, end],
  )) as { complaintId: string; provision: CodeProvision }[];
  // The status at the end of a complaint's year of filing: its last event of that year (events come in time order).
  const totals = (await query.query(
    'SELECT y.year AS year, y.status AS status, y.companyCheck AS companyCheck, y.inadmissibleYear AS inadmissibleYear, ' +
      'COUNT(*) AS count FROM (' +
      'SELECT SUBSTR(c.submitted_at, 1, 4) AS year, c.company_check AS companyCheck, ' +
      '(SELECT e.to_status FROM complaint_event e WHERE e.complaint_id = c.id ' +
      'AND SUBSTR(e.occurred_at, 1, 4) = SUBSTR(c.submitted_at, 1, 4) ORDER BY e.sequence DESC LIMIT 1) AS status, ' +
      "(SELECT MIN(SUBSTR(e.occurred_at, 1, 4)) FROM complaint_event e WHERE e.complaint_id = c.id AND e.to_status = 'INADMISSIBLE') " +
      'AS inadmissibleYear FROM complaint c WHERE c.submitted_at < ?) y ' +
      'GROUP BY y.year, y.status, y.companyCheck, y.inadmissibleYear',
    [end],
  )) as TotalsRow[];

  const sections = new Map<string, Set<CodeSection>>();
  for (const allegation of allegations) {
    const found = sections.get(allegation.complaintId) ?? new Set<CodeSection>();
    // By provision, for every version: a 2021 citation has no confirmed paragraph number to place it by.
    found.add(sectionOfProvision(allegation.provision));
    sections.set(allegation.complaintId, found);
  }
  const kinds = Object.values(ComplaintKind);
  const statuses = Object.values(ComplaintStatus);
  const codeSections = Object.values(CodeSection);
  const inadmissibleIndex = statuses.indexOf(ComplaintStatus.INADMISSIBLE);
  const yearCounts = (
    of: { status: ComplaintStatus; companyCheck: CompanyCheckStatus; count: number }[],
    foundLate = 0,
  ): YearCounts => ({
    received: of.reduce((sum, r) => sum + r.count, 0),
    foundInadmissibleLate: foundLate,
    statuses: statuses.map((status) => of.reduce((sum, r) => (r.status === status ? sum + r.count : sum), 0)),
    inadmissibleIndex,
    against: of.reduce((sum, r) => (r.companyCheck === CompanyCheckStatus.PASSED ? sum + r.count : sum), 0),
    pending: of.reduce((sum, r) => (r.companyCheck === CompanyCheckStatus.PENDING ? sum + r.count : sum), 0),
  });
  const since = totals.length === 0 ? null : Math.min(...totals.map((t) => Number(t.year)));
  const years: YearCounts[] = [];
  for (let y = since ?? year + 1; y <= year; y += 1) {
    const late = totals.filter((t) => Number(t.year) < y && Number(t.inadmissibleYear) === y);
    years.push(
      yearCounts(
        totals.filter((t) => Number(t.year) === y).map((t) => ({ ...t, count: Number(t.count) })),
        late.reduce((sum, t) => sum + Number(t.count), 0),
      ),
    );
  }

  const counts = yearCounts(rows.map((r) => ({ status: r.statusAtYearEnd, companyCheck: r.companyCheck, count: 1 })));
  const states = protectYear(counts);
  const kindCounts = kinds.map((kind) => rows.filter((r) => r.kind === kind).length);
  const kindStates = protectCells(kindCounts);
  const sectionCounts = codeSections.map((section) => rows.filter((r) => sections.get(r.id)?.has(section)).length);
  const sectionStates = protectSections([sectionCounts[0], sectionCounts[1]], counts.received);

  const cumulative = {
    received: years.reduce((sum, y) => sum + y.received, 0),
    // Found inadmissible by `asOf`: in their own year or a later one.
    inadmissible: years.reduce((sum, y) => sum + y.statuses[inadmissibleIndex] + y.foundInadmissibleLate, 0),
    against: years.reduce((sum, y) => sum + y.against, 0),
  };
  const cumulativeStates = cumulativePartStates(years);
  return Object.assign(new ComplaintFigures(), {
    received: counts.received,
    allegingViolationOfTheCode: protectedFigure(counts.received - counts.statuses[inadmissibleIndex], states.alleging, viewer),
    againstMembersAndAffiliates: protectedFigure(counts.against, states.against, viewer),
    threshold: DISCLOSURE_THRESHOLD,
    byKind: kinds.map((kind, i) =>
      Object.assign(new ComplaintKindCount(), { kind, count: protectedCount(kindCounts[i], kindStates[i], viewer) }),
    ),
    byCodeSection: codeSections.map((section, i) =>
      Object.assign(new CodeSectionCount(), { section, count: protectedCount(sectionCounts[i], sectionStates[i], viewer) }),
    ),
    byStatusAtYearEnd: statuses.map((status, i) =>
      Object.assign(new ComplaintStatusCount(), { status, count: protectedCount(counts.statuses[i], states.statuses[i], viewer) }),
    ),
    cumulative: Object.assign(new CumulativeComplaintFigures(), {
      sinceYear: since,
      received: cumulative.received,
      allegingViolationOfTheCode: protectedFigure(cumulative.received - cumulative.inadmissible, cumulativeStates.alleging, viewer),
      againstMembersAndAffiliates: protectedFigure(cumulative.against, cumulativeStates.against, viewer),
    }),
  });
}
