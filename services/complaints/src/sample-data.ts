/**
 * FICTIONAL SAMPLE DATA. Every complaint, person and event below is invented for development and
 * demonstration; none describes a real incident, company or person. The companies are the membership
 * subgraph's sample organizations, by their stable ids. Receipt codes are random and never printed:
 * the sample complaints can be followed by the Secretariat, not by receipt code.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../shared/src';
import { SAMPLE_ORGANIZATION_ID as ORG } from '../../shared/src/sample-organizations';
import { Complaint, ComplaintAllegation, ComplaintEvent, ComplaintMessage } from './complaint/complaint.entity';
import { ComplaintKind } from './catalogue/catalogue.enums';
import {
  CodeProvision as P,
  CodeVersion,
  ComplaintActor,
  ComplaintEventKind,
  ComplaintStatus as S,
  EventAudience,
} from './complaint/complaint.enums';
import { newReceiptCode, normalizeReceiptCode, referenceNumber, type StageDueAt } from './complaint/complaint.rules';
import { aad, recordActivity } from './complaint/complaint.service';
import { sha256Hex, type FieldCipher } from './protection/crypto';

const { HARM_TO_COMPLAINANT: HARM, HARM_TO_REPRESENTED_PERSON: REPRESENTED, VIOLATION_REPORT: REPORT } = ComplaintKind;

interface SampleComplaint {
  company: string;
  kind: ComplaintKind;
  submitted: string;
  incident: string;
  country: string;
  provisions: P[];
  description: string;
  language: string;
  /** Null: anonymous. */
  name: string | null;
  contact: string | null;
  representative?: { name: string; organization: string | null; contact: string | null };
  /** The statuses after RECEIVED, in order, each with the note written for the audience given. */
  path: [S, string, EventAudience][];
  outcome?: string;
  remedy?: string;
  response?: string;
  messages?: [ComplaintActor, string][];
}

const BOTH = EventAudience.COMPLAINANT_AND_COMPANY;
const INTERNAL = EventAudience.SECRETARIAT_ONLY;
const TO_COMPLAINANT = EventAudience.COMPLAINANT;

const samples: SampleComplaint[] = [
  {
    company: 'aegisMeridian', kind: HARM, submitted: '2026-11-20T08:30:00.000Z', incident: '2026-11-02', country: 'KE',
    provisions: [P.USE_OF_FORCE, P.RULES_FOR_THE_USE_OF_FORCE], language: 'en',
    description: 'Fictional sample: a guard at a site entrance pushed me to the ground while I was waiting for work.',
    name: 'Sample Complainant One (fictional)', contact: 'complainant-one@example.org', path: [],
  },
  {
    company: 'harbourline', kind: REPORT, submitted: '2026-11-05T10:00:00.000Z', incident: '2026-10-15', country: 'MY',
    provisions: [P.IDENTIFICATION_AND_REGISTERING], language: 'en',
    description: 'Fictional sample: guards on a port contract wear no identification; photographs attached by post.',
    name: null, contact: null,
    path: [[S.UNDER_ASSESSMENT, 'Assessing the evidence received.', TO_COMPLAINANT]],
  },
  {
    company: 'kestrelGuarding', kind: HARM, submitted: '2026-06-12T09:15:00.000Z', incident: '2026-05-30', country: 'GH',
    provisions: [P.GENERAL_CONDUCT], language: 'en',
    description: 'Fictional sample: a dispute about unpaid wages of a subcontractor of the client, not of the company.',
    name: 'Sample Complainant Two (fictional)', contact: '+000 0000 0002 (fictional)',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.INADMISSIBLE, 'The conduct described is not that of the company or its personnel.', BOTH],
    ],
  },
  {
    company: 'eclatSecurite', kind: HARM, submitted: '2026-04-03T14:00:00.000Z', incident: '2026-03-21', country: 'CI',
    provisions: [P.DISCRIMINATION, P.HARASSMENT], language: 'fr',
    description: 'Exemple fictif : propos discriminatoires répétés d\'un chef d\'équipe envers le personnel local.',
    name: 'Plaignante Exemple Trois (fictive)', contact: 'plaignante-trois@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Examen de recevabilité en cours.', TO_COMPLAINANT],
      [S.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM, 'Referred to the company\'s grievance mechanism; the Secretariat follows it.', BOTH],
    ],
    response: 'Fictional sample: the team leader has been suspended pending our internal investigation.',
  },
  {
    company: 'falconRidge', kind: REPRESENTED, submitted: '2026-02-17T07:45:00.000Z', incident: '2026-01-28', country: 'UG',
    provisions: [P.DETENTION, P.TORTURE_OR_CRUEL_TREATMENT], language: 'en',
    description: 'Fictional sample: a worker was held for a night in a container at a mine site and beaten.',
    name: 'Sample Person Four (fictional)', contact: null,
    representative: { name: 'Sample Representative (fictional)', organization: 'Mwangaza Rights Network', contact: 'legal@mwangaza.example' },
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.GOOD_OFFICES, 'The Association offers its good offices to both parties.', BOTH],
    ],
    messages: [
      [ComplaintActor.COMPLAINANT, 'Fictional sample: can the meeting take place in Gulu?'],
      [ComplaintActor.SECRETARIAT, 'Fictional sample: yes, we will propose Gulu to the company.'],
    ],
  },
  {
    company: 'lindqvist', kind: HARM, submitted: '2025-12-01T11:20:00.000Z', incident: '2025-11-10', country: 'SO',
    provisions: [P.SAFE_AND_HEALTHY_WORKING_ENVIRONMENT], language: 'en',
    description: 'Fictional sample: injured on board during a transit, no medical care until the next port.',
    name: null, contact: 'anonymous-sailor@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM, 'Referred to the company\'s grievance mechanism.', BOTH],
      [S.UNDER_REVIEW, 'The grievance mechanism did not answer within 60 days; the Secretariat reviews the case.', BOTH],
    ],
  },
  {
    company: 'garrisonPoint', kind: REPORT, submitted: '2025-05-14T13:00:00.000Z', incident: '2025-04-20', country: 'MZ',
    provisions: [P.MANAGEMENT_OF_WEAPONS, P.INCIDENT_REPORTING], language: 'pt',
    description: 'Exemplo fictício: armas guardadas sem registo num posto; incidentes não comunicados.',
    name: 'Sample Reporter Five (fictional)', contact: 'reporter-five@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.MONITORING_FOLLOW_UP, 'Followed up through monitoring of the company.', BOTH],
    ],
  },
  {
    company: 'cordillera', kind: REPORT, submitted: '2025-03-03T15:10:00.000Z', incident: '2025-02-11', country: 'PE',
    provisions: [P.SELECTION_AND_VETTING_OF_PERSONNEL], language: 'es',
    description: 'Ejemplo ficticio: personal contratado sin verificación de antecedentes en un proyecto minero.',
    name: null, contact: null,
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', INTERNAL],
      [S.MONITORING_FOLLOW_UP, 'Raised in the company\'s monitoring dialogue.', BOTH],
      [S.RESOLVED, 'The company completed vetting of all personnel on the project.', BOTH],
    ],
    outcome: 'The company re-vetted all personnel on the project and changed its hiring procedure.',
  },
  {
    company: 'aegisMeridian', kind: HARM, submitted: '2025-01-22T09:00:00.000Z', incident: '2024-12-30', country: 'IQ',
    provisions: [P.USE_OF_FORCE, P.GRIEVANCE_PROCEDURES], language: 'ar',
    description: 'Fictional sample (translated): a vehicle was damaged at a checkpoint and the company did not answer.',
    name: 'Sample Complainant Six (fictional)', contact: 'complainant-six@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.GOOD_OFFICES, 'Good offices offered.', BOTH],
      [S.RESOLVED, 'Agreement reached between the parties.', BOTH],
      [S.CLOSED, 'Remedy confirmed by the complainant.', BOTH],
    ],
    outcome: 'Agreement between the parties; the company revised its checkpoint procedure.',
    remedy: 'Repair of the vehicle paid by the company.',
  },
  {
    company: 'nordhavn', kind: HARM, submitted: '2024-09-09T10:30:00.000Z', incident: '2024-08-25', country: 'NG',
    provisions: [P.SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE], language: 'en',
    description: 'Fictional sample: harassment of a cleaner by a guard on board a vessel in port.',
    name: null, contact: 'safe-contact@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.UNDER_REVIEW, 'Reviewed by the Secretariat with the complainant\'s consent.', TO_COMPLAINANT],
      [S.RESOLVED, 'The guard was dismissed; the company trained its personnel.', BOTH],
      [S.CLOSED, 'Closed.', BOTH],
    ],
    outcome: 'The guard was dismissed and the company trained all personnel on the vessel.',
    remedy: 'Compensation and counselling paid by the company.',
  },
  {
    company: 'orionSentinel', kind: HARM, submitted: '2026-10-28T16:00:00.000Z', incident: '2026-10-01', country: 'CD',
    provisions: [P.CHILD_LABOUR], language: 'fr',
    description: 'Exemple fictif : des mineurs employés comme gardiens de nuit par un sous-traitant.',
    name: 'Plaignant Exemple Sept (fictif)', contact: null, path: [[S.UNDER_ASSESSMENT, 'Assessment started.', INTERNAL]],
  },
  // More of 2026, so that the yearly figures (transparencyReport) show counts as well as withheld small ones.
  {
    company: 'ironwood', kind: HARM, submitted: '2026-03-09T08:00:00.000Z', incident: '2026-02-20', country: 'IQ',
    provisions: [P.USE_OF_FORCE], language: 'en',
    description: 'Fictional sample: shots fired over a crowd at a fuel depot by guards of a former member company.',
    name: null, contact: 'fictional-eight@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.UNDER_REVIEW, 'Reviewed by the Secretariat: the company has no grievance mechanism in Iraq any more.', BOTH],
    ],
  },
  {
    company: 'ironwood', kind: HARM, submitted: '2026-04-14T10:30:00.000Z', incident: '2026-04-01', country: 'LY',
    provisions: [P.APPREHENDING_PERSONS], language: 'ar',
    description: 'مثال خيالي: أوقفني الحراس عند مدخل الميناء واحتجزوني ساعتين دون سبب (fictional sample).',
    name: 'Sample Complainant Nine (fictional)', contact: null,
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.GOOD_OFFICES, 'Good offices offered.', BOTH],
      [S.RESOLVED, 'Apology and procedure change agreed.', BOTH],
    ],
    outcome: 'The company apologised and changed its port-entrance procedure.',
  },
  {
    company: 'ironwood', kind: HARM, submitted: '2026-05-05T12:00:00.000Z', incident: '2026-04-18', country: 'IQ',
    provisions: [P.DISCRIMINATION], language: 'en',
    description: 'Fictional sample: local guards paid less than foreign guards for the same shifts.',
    name: 'Sample Complainant Ten (fictional)', contact: 'fictional-ten@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM, 'Referred to the company\'s grievance mechanism.', BOTH],
    ],
  },
  {
    company: 'pallasCrisis', kind: HARM, submitted: '2026-06-22T07:30:00.000Z', incident: '2026-06-02', country: 'LB',
    provisions: [P.TORTURE_OR_CRUEL_TREATMENT], language: 'ar',
    description: 'مثال خيالي: ضُرب أخي أثناء الاستجواب في موقع الشركة — fictional sample, site "North Gate" 3.',
    name: null, contact: 'fictional-eleven@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM, 'Referred to the company\'s grievance mechanism.', BOTH],
    ],
  },
  {
    company: 'pallasCrisis', kind: HARM, submitted: '2026-09-15T09:45:00.000Z', incident: '2026-09-01', country: 'IQ',
    provisions: [P.GENERAL_CONDUCT], language: 'en',
    description: 'Fictional sample: guards insulted and threatened traders at a market near a client\'s compound.',
    name: 'Sample Complainant Twelve (fictional)', contact: null, path: [],
  },
  {
    company: 'dunmoreMaritime', kind: HARM, submitted: '2026-07-01T14:00:00.000Z', incident: '2026-06-10', country: 'YE',
    provisions: [P.SAFE_AND_HEALTHY_WORKING_ENVIRONMENT], language: 'en',
    description: 'Fictional sample: a crew member of a client vessel, not of the company, was injured in port.',
    name: 'Sample Complainant Thirteen (fictional)', contact: 'fictional-thirteen@example.org',
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT],
      [S.INADMISSIBLE, 'The person injured was not harmed by the company or its personnel.', BOTH],
    ],
  },
  {
    company: 'montanaAzul', kind: REPORT, submitted: '2026-05-27T16:20:00.000Z', incident: '2026-05-01', country: 'BO',
    provisions: [P.SELECTION_AND_VETTING_OF_SUBCONTRACTORS, P.INCIDENT_REPORTING], language: 'es',
    description: 'Ejemplo ficticio: un subcontratista sin verificación vigila una mina; los incidentes no se registran.',
    name: null, contact: null,
    path: [
      [S.UNDER_ASSESSMENT, 'Assessment started.', INTERNAL],
      [S.MONITORING_FOLLOW_UP, 'Followed up through monitoring of the company.', BOTH],
    ],
  },
  {
    company: 'jadeport', kind: REPORT, submitted: '2026-08-03T11:10:00.000Z', incident: '2026-07-20', country: 'SA',
    provisions: [P.WEAPONS_TRAINING], language: 'ar',
    description: 'مثال خيالي: حراس جدد يحملون أسلحة دون أي تدريب عليها.',
    name: 'Sample Reporter Fourteen (fictional)', contact: 'fictional-fourteen@example.org',
    path: [[S.UNDER_ASSESSMENT, 'Assessment started.', TO_COMPLAINANT]],
  },
  {
    company: 'montanaAzul', kind: REPORT, submitted: '2026-10-06T13:00:00.000Z', incident: '2026-09-28', country: 'BO',
    provisions: [P.MANAGEMENT_OF_WEAPONS], language: 'es',
    description: 'Ejemplo ficticio: armas guardadas en un vehículo sin registro de quién las retira.',
    name: null, contact: null, path: [],
  },
];

/** Loads the sample complaints into an empty complaints database; does nothing when complaints exist. */
export async function loadComplaintsSampleData(database: Database, cipher: FieldCipher, dueAt: StageDueAt): Promise<void> {
  const manager = database.dataSource.manager;
  if ((await manager.count(Complaint)) > 0) return;
  const perYear = new Map<number, number>();
  await database.transaction(async (tx) => {
    for (const sample of [...samples].sort((a, b) => a.submitted.localeCompare(b.submitted))) {
      const id = randomUUID();
      const year = Number(sample.submitted.slice(0, 4));
      const sequence = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, sequence);
      const seal = (value: string | null, field: string) => (value === null ? null : cipher.encrypt(value, aad(id, field)));
      const last = sample.path.at(-1)?.[0] ?? S.RECEIVED;
      const times = [sample.submitted, ...sample.path.map((_, i) => new Date(Date.parse(sample.submitted) + (i + 1) * 7 * 86_400_000).toISOString())];
      await tx.insert(Complaint, {
        id,
        referenceNumber: referenceNumber(year, sequence),
        referenceYear: year,
        referenceSequence: sequence,
        receiptHash: sha256Hex(normalizeReceiptCode(newReceiptCode()) as string),
        idempotencyKeyHash: null,
        retryReceiptEncrypted: null,
        retryUntil: null,
        companyId: ORG[sample.company],
        kind: sample.kind,
        status: last,
        incidentDate: sample.incident,
        incidentCountry: sample.country,
        description: sample.description,
        language: sample.language,
        anonymous: sample.name === null,
        complainantNameEncrypted: seal(sample.name, 'complainant-name'),
        complainantContactEncrypted: seal(sample.contact, 'complainant-contact'),
        representativeEncrypted: seal(sample.representative ? JSON.stringify(sample.representative) : null, 'representative'),
        inadmissibilityReason: last === S.INADMISSIBLE ? (sample.path.at(-1)?.[1] ?? null) : null,
        outcome: sample.outcome ?? null,
        remedy: sample.remedy ?? null,
        submittedAt: sample.submitted,
        updatedAt: times.at(-1) as string,
        // Due from the start of the stage each sample is in: the older open samples show as overdue.
        stageDueAt: dueAt(last, times.at(-1) as string),
        version: 1 + sample.path.length + (sample.response ? 1 : 0),
      });
      await tx.insert(
        ComplaintAllegation,
        sample.provisions.map((provision, position) => ({ complaintId: id, provision, codeVersion: CodeVersion.CODE_2021, position })),
      );
      const events: Partial<ComplaintEvent>[] = [
        { kind: ComplaintEventKind.SUBMITTED, fromStatus: null, toStatus: S.RECEIVED, note: null, audience: BOTH, actor: ComplaintActor.COMPLAINANT, recordedBy: null, occurredAt: sample.submitted },
      ];
      let from = S.RECEIVED;
      sample.path.forEach(([to, note, audience], i) => {
        events.push({ kind: ComplaintEventKind.STATUS_CHANGED, fromStatus: from, toStatus: to, note, audience, actor: ComplaintActor.SECRETARIAT, recordedBy: 'sample-data', occurredAt: times[i + 1] });
        from = to;
      });
      if (sample.response) {
        events.push({ kind: ComplaintEventKind.COMPANY_RESPONSE, fromStatus: null, toStatus: from, note: sample.response, audience: EventAudience.COMPANY, actor: ComplaintActor.COMPANY, recordedBy: 'sample-data', occurredAt: new Date(Date.parse(times.at(-1) as string) + 86_400_000).toISOString() });
      }
      await tx.insert(ComplaintEvent, events.map((event, i) => ({ ...event, id: randomUUID(), complaintId: id, sequence: i + 1 })));
      const activity = events.map((event) => event.occurredAt as string);
      for (const [i, [sender, body]] of (sample.messages ?? []).entries()) {
        const messageId = randomUUID();
        const sentAt = new Date(Date.parse(sample.submitted) + (i + 1) * 3_600_000).toISOString();
        await tx.insert(ComplaintMessage, {
          id: messageId,
          complaintId: id,
          sender,
          bodyEncrypted: cipher.encrypt(body, aad(id, `message:${messageId}`)),
          sentAt,
        });
        activity.push(sentAt);
      }
      await recordActivity(tx, id, activity.sort().at(-1) as string);
    }
  });
}
