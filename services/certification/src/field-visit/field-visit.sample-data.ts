import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SAMPLE_ORGANIZATION_ID as ORG } from '../../../shared/src/sample-organizations';
import { ConsultedCategory, FieldVisitConsultation, FieldVisitContribution, FieldVisitNamedOrganization, FieldVisitRecord, FieldVisitSummary } from './field-visit.entity';

/**
 * FICTIONAL: how one completed field visit was carried out, the input a civil society member sent before it, and the
 * summary published to that member afterwards. `visit` is the sample's completed field visit to a company in Iraq.
 */
export async function loadFieldVisitSampleData(
  tx: EntityManager,
  visit: { id: string; organizationId: string; country: string; start: string; end: string },
): Promise<void> {
  await tx.insert(FieldVisitContribution, {
    id: randomUUID(), activityId: visit.id, contributorOrganizationId: ORG.humanSecurityWatch, country: visit.country,
    companyOrganizationId: visit.organizationId, affectedCommunities: 'Residents and day labourers living near the checkpoint',
    concerns: 'Fictional sample input: residents fear reprisals if they speak near the site; ask to meet them away from it, with a woman interviewer.',
    submittedAt: `${visit.start.slice(0, 8)}01T10:00:00.000Z`, submittedBy: 'sample-data',
  });
  await tx.insert(FieldVisitRecord, {
    activityId: visit.id, organizationId: visit.organizationId, methodologyReference: 'ICoCA field-based review methodology',
    methodologyVersion: '2', recordedAt: `${visit.end}T17:00:00.000Z`, recordedBy: 'sample-data', version: 1,
  });
  const counts: [ConsultedCategory, number][] = [
    [ConsultedCategory.CIVIL_SOCIETY_ORGANIZATION, 2],
    [ConsultedCategory.COMMUNITY_REPRESENTATIVES, 6],
    [ConsultedCategory.WORKERS, 9],
    [ConsultedCategory.CLIENTS, 1],
  ];
  await tx.insert(FieldVisitConsultation, counts.map(([category, consulted]) => ({ activityId: visit.id, category, consulted })));
  // One of the two organizations agreed to be named; the other is counted only.
  await tx.insert(FieldVisitNamedOrganization, {
    id: randomUUID(), activityId: visit.id, position: 0, name: 'Basra Civic Monitors (fictional)', category: ConsultedCategory.CIVIL_SOCIETY_ORGANIZATION,
  });
  await tx.insert(FieldVisitSummary, {
    activityId: visit.id, publishedAt: `${visit.end}T18:00:00.000Z`, publishedBy: 'sample-data',
    text: 'Fictional sample summary: residents were met away from the site as asked; their account of the checkpoint incident is reflected in the findings shared with the company.',
  });
}
