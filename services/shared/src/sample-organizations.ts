/**
 * FICTIONAL SAMPLE ORGANIZATIONS. Every organization and decision below is invented for development and
 * demonstration; none describes a real company, State or organization.
 *
 * They are the membership subgraph's sample register (services/membership/src/sample-data.ts loads them);
 * the other subgraphs' sample data refer to them by these stable ids and facts. They live in the shared
 * module because no subgraph may import another's files.
 */
import { MembershipCategory, MembershipStatus, ObserverKind, Pillar } from './shared-types';

const { PRIVATE_SECURITY_COMPANY: PSC, GOVERNMENT: GOV, CIVIL_SOCIETY: CSO, OBSERVER: OBS } = Pillar;
const { MEMBER, AFFILIATE, OBSERVER } = MembershipCategory;
const { ACTIVE, SUSPENDED, TERMINATED, WITHDRAWN } = MembershipStatus;

/** One dated change of membership: status, category, effective day and reason. */
export type HistoryStep = [MembershipStatus, MembershipCategory, string, string];

/** One fictional organization: its stable id, pillar, countries and dated membership history. */
export interface SampleOrganization {
  key: string;
  id: string;
  name: string;
  pillar: Pillar;
  /** For the pillar OBSERVER only. */
  observerKind?: ObserverKind;
  headquarters: string;
  operations: string[];
  history: HistoryStep[];
}

const sampleId = (n: number) => `5a3e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const organizations: Omit<SampleOrganization, 'id'>[] = [
  { key: 'aegisMeridian', name: 'Aegis Meridian Security Ltd', pillar: PSC, headquarters: 'GB', operations: ['IQ', 'AF', 'KE'],
    history: [[ACTIVE, MEMBER, '2019-03-12', 'Admitted on application']] },
  { key: 'bastionShield', name: 'Bastion Shield GmbH', pillar: PSC, headquarters: 'DE', operations: ['ML', 'NE'],
    history: [[ACTIVE, MEMBER, '2024-06-01', 'Admitted on application']] },
  { key: 'cordillera', name: 'Cordillera Protección S.A.', pillar: PSC, headquarters: 'CO', operations: ['PE', 'EC'],
    history: [[ACTIVE, MEMBER, '2022-02-15', 'Admitted on application']] },
  { key: 'dunmoreMaritime', name: 'Dunmore Maritime Security LLC', pillar: PSC, headquarters: 'US', operations: ['SO', 'YE', 'DJ'],
    history: [[ACTIVE, MEMBER, '2016-05-20', 'Admitted as a transitional member']] },
  { key: 'eclatSecurite', name: 'Éclat Sécurité SARL', pillar: PSC, headquarters: 'FR', operations: ['CI', 'SN'],
    history: [
      [ACTIVE, MEMBER, '2020-09-01', 'Admitted on application'],
      [ACTIVE, AFFILIATE, '2024-01-15', 'Certification deadline missed; latest self-assessment completed'],
    ] },
  { key: 'falconRidge', name: 'Falcon Ridge Risk Services Ltd', pillar: PSC, headquarters: 'KE', operations: ['UG', 'SS'],
    history: [
      [ACTIVE, MEMBER, '2017-11-02', 'Admitted as a transitional member'],
      [SUSPENDED, MEMBER, '2026-05-04', 'Suspended by the Board after a pattern of non-compliance'],
    ] },
  { key: 'garrisonPoint', name: 'Garrison Point Security (Pty) Ltd', pillar: PSC, headquarters: 'ZA', operations: ['MZ'],
    history: [
      [ACTIVE, MEMBER, '2018-02-19', 'Admitted as a transitional member'],
      [SUSPENDED, MEMBER, '2025-03-01', 'Annual self-assessment not submitted'],
      [TERMINATED, MEMBER, '2025-08-30', 'Terminated: no self-assessment and no good-faith cooperation'],
    ] },
  { key: 'harbourline', name: 'Harbourline Protective Services Pte Ltd', pillar: PSC, headquarters: 'SG', operations: ['MY', 'ID'],
    history: [[ACTIVE, MEMBER, '2021-11-10', 'Admitted on application']] },
  { key: 'ironwood', name: 'Ironwood Global Security Inc.', pillar: PSC, headquarters: 'US', operations: ['IQ', 'LY'],
    history: [
      [ACTIVE, MEMBER, '2019-06-03', 'Admitted on application'],
      [WITHDRAWN, MEMBER, '2023-04-01', 'Withdrew from the Association'],
    ] },
  { key: 'jadeport', name: 'Jadeport Security Services FZ-LLC', pillar: PSC, headquarters: 'AE', operations: ['SA', 'OM'],
    history: [[ACTIVE, MEMBER, '2023-07-03', 'Admitted on application']] },
  { key: 'kestrelGuarding', name: 'Kestrel Guarding Ltd', pillar: PSC, headquarters: 'NG', operations: ['GH'],
    history: [[ACTIVE, MEMBER, '2020-01-20', 'Admitted on application']] },
  { key: 'lindqvist', name: 'Lindqvist Säkerhet AB', pillar: PSC, headquarters: 'SE', operations: ['NO', 'SO'],
    history: [[ACTIVE, MEMBER, '2019-10-10', 'Admitted on application']] },
  { key: 'montanaAzul', name: 'Montaña Azul Seguridad S.A.S.', pillar: PSC, headquarters: 'PE', operations: ['BO'],
    history: [[ACTIVE, MEMBER, '2025-03-03', 'Admitted on application']] },
  { key: 'nordhavn', name: 'Nordhavn Maritime Protection A/S', pillar: PSC, headquarters: 'DK', operations: ['NG', 'GN'],
    history: [[ACTIVE, MEMBER, '2016-09-30', 'Admitted as a transitional member']] },
  { key: 'orionSentinel', name: 'Orion Sentinel Security Ltd', pillar: PSC, headquarters: 'UG', operations: ['CD'],
    history: [
      [ACTIVE, MEMBER, '2021-04-12', 'Admitted on application'],
      [ACTIVE, AFFILIATE, '2025-02-01', 'Certification deadline missed; latest self-assessment completed'],
    ] },
  { key: 'pallasCrisis', name: 'Pallas Crisis Response Ltd', pillar: PSC, headquarters: 'CY', operations: ['LB', 'IQ'],
    history: [
      [ACTIVE, MEMBER, '2024-11-18', 'Admitted on application'],
      [SUSPENDED, MEMBER, '2025-10-06', 'Suspended pending a field review'],
      [ACTIVE, MEMBER, '2026-02-09', 'Reinstated after agreed remedial measures'],
    ] },
  { key: 'arvenia', name: 'Republic of Arvenia, Ministry of Foreign Affairs', pillar: GOV, headquarters: 'CH', operations: [],
    history: [[ACTIVE, MEMBER, '2013-09-20', 'Founding member']] },
  { key: 'norland', name: 'Kingdom of Norland, Department for Peace and Security', pillar: GOV, headquarters: 'NO', operations: [],
    history: [[ACTIVE, MEMBER, '2014-02-11', 'Admitted on application']] },
  { key: 'ostmark', name: 'Federal Republic of Ostmark, Foreign Office', pillar: OBS, observerKind: ObserverKind.GOVERNMENT, headquarters: 'DE', operations: [],
    history: [[ACTIVE, OBSERVER, '2021-06-15', 'Admitted as an observer by the Board']] },
  { key: 'coastalUnion', name: 'Union of Coastal States', pillar: GOV, headquarters: 'BE', operations: ['SO', 'KE', 'TZ'],
    history: [[ACTIVE, MEMBER, '2018-03-08', 'Admitted on application']] },
  { key: 'sorrentoBay', name: 'Republic of Sorrento Bay, Ministry of Defence', pillar: GOV, headquarters: 'AU', operations: [],
    history: [
      [ACTIVE, MEMBER, '2015-05-05', 'Admitted on application'],
      [WITHDRAWN, MEMBER, '2024-01-31', 'Withdrew from the Association'],
    ] },
  { key: 'maritimeSafetyOrg', name: 'Inter-Regional Organization for Maritime Safety', pillar: OBS, observerKind: ObserverKind.GOVERNMENT, headquarters: 'GB', operations: [],
    history: [[ACTIVE, OBSERVER, '2022-10-01', 'Admitted as an observer by the Board']] },
  { key: 'humanSecurityWatch', name: 'Human Security Watch Initiative', pillar: CSO, headquarters: 'CH', operations: ['IQ', 'AF'],
    history: [[ACTIVE, MEMBER, '2013-09-20', 'Founding member']] },
  { key: 'centroDerechos', name: 'Centro de Derechos y Seguridad', pillar: CSO, headquarters: 'CO', operations: ['PE', 'EC'],
    history: [[ACTIVE, MEMBER, '2016-04-22', 'Admitted on application']] },
  { key: 'mwangaza', name: 'Mwangaza Rights Network', pillar: CSO, headquarters: 'KE', operations: ['UG', 'TZ'],
    history: [[ACTIVE, MEMBER, '2017-07-07', 'Admitted on application']] },
  { key: 'openHands', name: 'Open Hands Legal Aid', pillar: CSO, headquarters: 'ZA', operations: ['MZ'],
    history: [[ACTIVE, MEMBER, '2019-02-28', 'Admitted on application']] },
  { key: 'justicePaixSahel', name: 'Fondation Justice et Paix Sahel', pillar: CSO, headquarters: 'SN', operations: ['ML', 'NE'],
    history: [[ACTIVE, MEMBER, '2020-12-01', 'Admitted on application']] },
  { key: 'harbourWorkers', name: 'Harbour Workers Solidarity', pillar: OBS, observerKind: ObserverKind.CIVIL_SOCIETY, headquarters: 'PH', operations: [],
    history: [[ACTIVE, OBSERVER, '2023-03-14', 'Admitted as an observer by the Board']] },
  { key: 'accountableSecurity', name: 'Citizens for Accountable Security', pillar: CSO, headquarters: 'US', operations: [],
    history: [
      [ACTIVE, MEMBER, '2015-01-12', 'Admitted on application'],
      [TERMINATED, MEMBER, '2025-06-30', 'Terminated for non-payment of dues'],
    ] },
  { key: 'alNoor', name: 'Al-Noor Community Voices', pillar: CSO, headquarters: 'JO', operations: ['LB', 'IQ'],
    history: [[ACTIVE, MEMBER, '2022-05-09', 'Admitted on application']] },
  // Observers beside the three pillars, as the Association's observer page describes them.
  { key: 'veldtInstitute', name: 'Veldt Institute for Security Governance', pillar: OBS, observerKind: ObserverKind.ACADEMIC,
    headquarters: 'NL', operations: [], history: [[ACTIVE, OBSERVER, '2024-04-02', 'Observer status granted by the Board']] },
  { key: 'tallisCertification', name: 'Tallis Conformity Assessment Ltd', pillar: OBS, observerKind: ObserverKind.CERTIFICATION_BODY,
    headquarters: 'IE', operations: [], history: [[ACTIVE, OBSERVER, '2025-09-15', 'Observer status granted by the Board']] },
];

/** The sample organizations with their stable ids, for the other subgraphs' sample data. */
export const SAMPLE_ORGANIZATIONS: SampleOrganization[] = organizations.map((o, i) => ({ ...o, id: sampleId(i + 1) }));

export const SAMPLE_ORGANIZATION_ID: Record<string, string> = Object.fromEntries(
  SAMPLE_ORGANIZATIONS.map((o) => [o.key, o.id]),
);
