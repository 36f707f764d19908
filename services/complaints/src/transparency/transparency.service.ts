import { reportDate, type Database } from '../../../shared/src';
import { sectionOfProvision } from '../catalogue/catalogue.service';
import { CodeSection } from '../catalogue/catalogue.types';
import { CodeProvision, CompanyCheckStatus, ComplaintKind, ComplaintStatus } from '../complaint/complaint.enums';
import {
  CodeSectionCount,
  ComplaintFigures,
  ComplaintKindCount,
  ComplaintStatusCount,
  CumulativeComplaintFigures,
  ProtectedCount,
} from './transparency.types';
import { protectCells, SUPPRESSION_THRESHOLD } from './transparency.rules';

interface YearRow {
  id: string;
  kind: ComplaintKind;
  companyCheck: CompanyCheckStatus;
  statusAtYearEnd: ComplaintStatus;
}

/** Each cell of a breakdown as published: its count, or withheld (see transparency.rules.ts). */
function protect(counts: number[]): ProtectedCount[] {
  return protectCells(counts).map((state, i) =>
    Object.assign(new ProtectedCount(), {
      value: state === 'SHOWN' ? counts[i] : null,
      fewerThan: state === 'BELOW_THRESHOLD' ? SUPPRESSION_THRESHOLD : null,
      withheld: state !== 'SHOWN',
    }),
  );
}

/**
 * The complaint figures of `year`, in three statements whatever the number of complaints: the year's
 * complaints with their status at year end, their allegations, and the totals since the first year.
 */
export async function complaintFigures(database: Database, year: number): Promise<ComplaintFigures> {
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
    'SELECT a.complaint_id AS complaintId, a.provision AS provision, a.code_version AS codeVersion ' +
      'FROM complaint_allegation a JOIN complaint c ON c.id = a.complaint_id WHERE c.submitted_at >= ? AND c.submitted_at < ?',
    [start, end],
  )) as { complaintId: string; provision: CodeProvision; codeVersion: string }[];
  const [totals] = (await query.query(
    "SELECT COUNT(*) AS received, SUM(CASE WHEN c.company_check = 'PASSED' THEN 1 ELSE 0 END) AS against, " +
      'SUM(CASE WHEN EXISTS (SELECT 1 FROM complaint_event e WHERE e.complaint_id = c.id ' +
      "AND e.to_status = 'INADMISSIBLE' AND e.occurred_at <= ?) THEN 1 ELSE 0 END) AS inadmissible, " +
      'MIN(c.reference_year) AS since FROM complaint c WHERE c.submitted_at < ?',
    [asOfEnd, end],
  )) as { received: number | string; against: number | string | null; inadmissible: number | string | null; since: number | null }[];

  const sections = new Map<string, Set<CodeSection>>();
  for (const allegation of allegations) {
    const found = sections.get(allegation.complaintId) ?? new Set<CodeSection>();
    found.add(sectionOfProvision(allegation.provision, allegation.codeVersion));
    sections.set(allegation.complaintId, found);
  }
  const kinds = Object.values(ComplaintKind);
  const statuses = Object.values(ComplaintStatus);
  const codeSections = Object.values(CodeSection);
  const kindCounts = protect(kinds.map((kind) => rows.filter((r) => r.kind === kind).length));
  const statusCounts = protect(statuses.map((status) => rows.filter((r) => r.statusAtYearEnd === status).length));
  const sectionCounts = protect(codeSections.map((section) => rows.filter((r) => sections.get(r.id)?.has(section)).length));
  const received = Number(totals.received);
  return Object.assign(new ComplaintFigures(), {
    received: rows.length,
    allegingViolationOfTheCode: rows.filter((r) => r.statusAtYearEnd !== ComplaintStatus.INADMISSIBLE).length,
    againstMembersAndAffiliates: rows.filter((r) => r.companyCheck === CompanyCheckStatus.PASSED).length,
    threshold: SUPPRESSION_THRESHOLD,
    byKind: kinds.map((kind, i) => Object.assign(new ComplaintKindCount(), { kind, count: kindCounts[i] })),
    byCodeSection: codeSections.map((section, i) => Object.assign(new CodeSectionCount(), { section, count: sectionCounts[i] })),
    byStatusAtYearEnd: statuses.map((status, i) => Object.assign(new ComplaintStatusCount(), { status, count: statusCounts[i] })),
    cumulative: Object.assign(new CumulativeComplaintFigures(), {
      sinceYear: totals.since === null ? null : Number(totals.since),
      received,
      allegingViolationOfTheCode: received - Number(totals.inadmissible ?? 0),
      againstMembersAndAffiliates: Number(totals.against ?? 0),
    }),
  });
}
