import { SAMPLE_ORGANIZATION_ID } from '../../services/shared/src/sample-organizations';

/** Stable ids of sample organizations the complaints tests refer to. */
export const ORG = SAMPLE_ORGANIZATION_ID;

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) { referenceNumber receiptCode status submittedAt }
  }
`;

export const COMPLAINT_FIELDS = /* GraphQL */ `
  id referenceNumber kind status incidentDate incidentCountry description language
  inadmissibilityReason outcome remedy submittedAt updatedAt version
  company { id name }
  allegations { provision codeVersion }
  timeline { sequence kind fromStatus toStatus note audience actor occurredAt }
`;

export const FOLLOW_UP = /* GraphQL */ `
  query FollowUp($code: String!) {
    complaintByReceipt(receiptCode: $code) {
      referenceNumber kind status incidentDate incidentCountry inadmissibilityReason outcome remedy submittedAt
      company { id name }
      allegations { provision codeVersion }
      timeline { sequence kind fromStatus toStatus note audience actor }
      messages { sender body sentAt }
    }
  }
`;

export const BY_REFERENCE = /* GraphQL */ `
  query ByReference($filter: ComplaintFilter, $first: Int, $after: String) {
    complaints(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id referenceNumber status company { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const ADVANCE = /* GraphQL */ `
  mutation Advance($id: ID!, $to: ComplaintStatus!, $note: String!, $audience: EventAudience, $outcome: String,
                   $remedy: String, $expectedVersion: Int) {
    advanceComplaint(id: $id, to: $to, note: $note, audience: $audience, outcome: $outcome, remedy: $remedy,
                     expectedVersion: $expectedVersion) {
      id status version inadmissibilityReason outcome remedy
      timeline { sequence kind fromStatus toStatus note audience actor recordedBy }
    }
  }
`;

export const RESPOND = /* GraphQL */ `
  mutation Respond($id: ID!, $body: String!) {
    respondToComplaint(id: $id, body: $body) { id version timeline { kind note actor } }
  }
`;

export const SEND_MESSAGE = /* GraphQL */ `
  mutation Send($code: String!, $body: String!) {
    sendComplaintMessage(receiptCode: $code, body: $body) { sender body sentAt }
  }
`;

/** A distinctive, fictional complainant name: searched for in the stored rows and the logs. */
export const SECRET_NAME = 'Zephyrine Quillfeather-Odhiambo';
export const SECRET_CONTACT = 'zephyrine.q@hidden-complainant.example';
export const SECRET_REPRESENTATIVE = 'Barnabas Whitlock-Nakamura';

export function complaintInput(overrides: Record<string, unknown> = {}) {
  return {
    companyId: ORG.aegisMeridian,
    kind: 'HARM_TO_COMPLAINANT',
    incidentDate: '2026-09-14',
    incidentCountry: 'ke',
    allegations: [{ provision: 'USE_OF_FORCE' }, { provision: 'DETENTION', codeVersion: 'CODE_2010' }],
    description: 'Guards held me at the gate for six hours and hit me when I asked to leave.',
    language: 'en',
    complainantName: SECRET_NAME,
    complainantContact: SECRET_CONTACT,
    ...overrides,
  };
}
