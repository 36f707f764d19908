import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CodeProvision, today } from '../../../shared/src';
import { SAMPLE_ORGANIZATION_ID as ORG } from '../../../shared/src/sample-organizations';
import { RiskLevelEntry, RiskReport, RiskReportCompany, RiskReportReview } from './risk.entity';
import { RiskLevelValue, RiskReportSensitivity, RiskReportStatus, RiskSourceKind } from './risk.enums';

/**
 * FICTIONAL risk reports and levels, dated relative to the current year, so that Sandbox shows risk areas (public),
 * reports in each status and monitoring priorities moved by them. Tests use Iraq, which the sample leaves alone.
 */
export async function loadRiskSampleData(tx: EntityManager): Promise<void> {
  const Y = Number(today().slice(0, 4));
  const y = (offset: number, monthDay: string) => `${Y + offset}-${monthDay}`;
  const report = async (r: {
    reporter: string | null; onBehalfOf?: string; title: string; country: string; region?: string; place?: string; from: string; until: string;
    themes: CodeProvision[]; communities: string; description: string; sources: [RiskSourceKind, string][]; companies: string[];
    sensitivity: RiskReportSensitivity; status: RiskReportStatus; note?: string;
  }) => {
    const id = randomUUID();
    await tx.insert(RiskReport, {
      id, reporterOrganizationId: r.reporter, onBehalfOf: r.onBehalfOf ?? null, title: r.title, country: r.country, region: r.region ?? null,
      placeName: r.place ?? null, observedFrom: r.from, observedUntil: r.until, themes: r.themes, affectedCommunities: r.communities,
      description: r.description, sources: r.sources.map(([kind, reference]) => ({ kind, reference })), sensitivity: r.sensitivity,
      status: r.status, submittedAt: `${r.until}T10:00:00.000Z`, submittedBy: null, version: r.status === RiskReportStatus.SUBMITTED ? 1 : 2,
    });
    for (const organizationId of r.companies) await tx.insert(RiskReportCompany, { reportId: id, organizationId });
    if (r.status !== RiskReportStatus.SUBMITTED) {
      await tx.insert(RiskReportReview, {
        id: randomUUID(), reportId: id, sequence: 1, status: r.status, note: r.note ?? null, decidedBy: 'secretariat-sample', recordedAt: `${r.until}T16:00:00.000Z`,
      });
    }
    return id;
  };
  const { PUBLIC, ASSOCIATION_ONLY } = RiskReportSensitivity;
  const { ACCEPTED, SUBMITTED, NOT_RETAINED } = RiskReportStatus;
  const kabul = await report({
    reporter: ORG.humanSecurityWatch, title: 'Convoy escorts firing warning shots at civilian vehicles', country: 'AF', region: 'AF-KAB',
    place: 'Kabul, airport road', from: y(-1, '09-01'), until: y(-1, '11-30'), themes: [CodeProvision.USE_OF_FORCE, CodeProvision.RULES_FOR_THE_USE_OF_FORCE],
    communities: 'Commuters and taxi drivers on the airport road', description: 'Escort teams fired warning shots at cars approaching convoys.',
    sources: [[RiskSourceKind.FIELD_OBSERVATION, 'Three observation days, October'], [RiskSourceKind.MEDIA, 'https://news.example/kabul-convoys']],
    companies: [ORG.aegisMeridian], sensitivity: PUBLIC, status: ACCEPTED, note: 'Consistent with other sources',
  });
  const informants = await report({
    reporter: ORG.humanSecurityWatch, title: 'Informant accounts of detention at a guarded compound', country: 'AF', from: y(-1, '10-01'), until: y(-1, '12-15'),
    themes: [CodeProvision.DETENTION], communities: 'Day labourers', description: 'Two informants describe people held overnight by guards.',
    sources: [[RiskSourceKind.INTERVIEWS, 'Two interviews, protected identities']], companies: [ORG.aegisMeridian], sensitivity: ASSOCIATION_ONLY, status: ACCEPTED,
  });
  const beirut = await report({
    reporter: ORG.alNoor, title: 'Harassment of refugees at guarded aid distributions', country: 'LB', place: 'Bekaa valley', from: y(-1, '05-01'),
    until: y(-1, '07-31'), themes: [CodeProvision.HARASSMENT, CodeProvision.DISCRIMINATION], communities: 'Syrian refugee families',
    description: 'Guards at distributions insulted and turned away women queuing alone.', sources: [[RiskSourceKind.PUBLISHED_REPORT, 'Al-Noor field report, August']],
    companies: [ORG.pallasCrisis], sensitivity: PUBLIC, status: ACCEPTED,
  });
  await report({
    reporter: ORG.justicePaixSahel, title: 'Mine site guards and artisanal miners', country: 'ML', place: 'Kéniéba', from: y(-1, '02-01'), until: y(-1, '03-31'),
    themes: [CodeProvision.USE_OF_FORCE, CodeProvision.CHILD_LABOUR], communities: 'Artisanal mining villages', description: 'Clashes at the edge of a guarded concession.',
    sources: [[RiskSourceKind.INTERVIEWS, 'Village meetings']], companies: [ORG.bastionShield], sensitivity: PUBLIC, status: SUBMITTED,
  });
  await report({
    reporter: null, onBehalfOf: 'Gao market traders\' association', title: 'Checkpoint fees at the market entrance', country: 'ML', place: 'Gao',
    from: y(-1, '04-01'), until: y(-1, '04-30'), themes: [CodeProvision.GENERAL_CONDUCT], communities: 'Market traders',
    description: 'Traders report informal fees asked at a checkpoint.', sources: [[RiskSourceKind.INTERVIEWS, 'Letter from the association']], companies: [],
    sensitivity: PUBLIC, status: NOT_RETAINED, note: 'The checkpoint is run by municipal police, not a private security company',
  });
  const level = (area: { country: string; region?: string }, value: RiskLevelValue, from: string, justification: string, reportIds: string[]) =>
    tx.insert(RiskLevelEntry, {
      id: randomUUID(), area: area.region ?? area.country, country: area.country, region: area.region ?? null, level: value, effectiveFrom: from,
      justification, reportIds, setBy: 'secretariat-sample', recordedAt: `${from}T09:00:00.000Z`,
    });
  await level({ country: 'AF' }, RiskLevelValue.HIGH, y(-1, '12-01'), 'Use of force by escort teams on public roads', [kabul]);
  await level({ country: 'AF' }, RiskLevelValue.SEVERE, y(0, '01-15'), 'Detention by guards reported on top of escort incidents', [kabul, informants]);
  await level({ country: 'AF', region: 'AF-KAB' }, RiskLevelValue.SEVERE, y(0, '01-15'), 'Repeated incidents on the Kabul airport road', [kabul]);
  await level({ country: 'LB' }, RiskLevelValue.ELEVATED, y(-1, '09-01'), 'Harassment at guarded aid distributions', [beirut]);
}
