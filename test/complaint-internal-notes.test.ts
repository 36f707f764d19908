import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, FOLLOW_UP, ORG, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, startStack, type Stack } from './support/stack';

const ADD_NOTE = /* GraphQL */ `
  mutation AddNote($complaintId: ID!, $text: String!) {
    addComplaintInternalNote(complaintId: $complaintId, text: $text) { id text writtenBy writtenAt }
  }
`;
const WITH_NOTES = /* GraphQL */ `
  query WithNotes($id: ID!) {
    complaint(id: $id) { id status version timeline { sequence note } messages { body } internalNotes { text writtenBy writtenAt } }
  }
`;
const NOTES_ONLY = /* GraphQL */ `
  query NotesOnly($id: ID!) { complaint(id: $id) { id internalNotes { text } } }
`;
const PAGE_WITH_NOTES = /* GraphQL */ `
  query PageWithNotes($first: Int) {
    complaints(first: $first) { edges { node { id internalNotes { text writtenBy } } } }
  }
`;

const FIRST_NOTE = 'Called the company\'s grievance officer; they will send the gate log.';
const SECOND_NOTE = 'Gate log received: matches the complainant\'s account of the hours.';

describe.each(DATABASES)('internal notes of the Secretariat on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  let id: string;
  let receiptCode: string;

  async function file(): Promise<{ id: string; receiptCode: string }> {
    const receipt = await stack.query<any>(SUBMIT, { input: complaintInput() });
    expect(receipt.errors).toBeUndefined();
    const rows = await stack.subgraphs.complaints.database.dataSource.query(
      'SELECT id FROM complaint WHERE reference_number = ?',
      [receipt.data.submitComplaint.referenceNumber],
    );
    return { id: rows[0].id, receiptCode: receipt.data.submitComplaint.receiptCode };
  }

  const noteRows = async (complaintId: string): Promise<{ text_encrypted: string }[]> =>
    stack.subgraphs.complaints.database.dataSource.query(
      'SELECT text_encrypted FROM complaint_internal_note WHERE complaint_id = ?',
      [complaintId],
    );

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'] });
    tokens.secretariat = await stack.token('secretariat');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.partner = await stack.token('partner');
    ({ id, receiptCode } = await file());
  });
  afterAll(() => stack?.stop());

  it('keeps the Secretariat\'s notes in order with their author, leaving status, timeline and thread as they were', async () => {
    const before = await stack.query<any>(WITH_NOTES, { id }, { token: tokens.secretariat });
    expect(before.errors).toBeUndefined();
    expect(before.data.complaint.internalNotes).toEqual([]);
    const followUpBefore = await stack.query<any>(FOLLOW_UP, { code: receiptCode });

    const first = await stack.query<any>(ADD_NOTE, { complaintId: id, text: FIRST_NOTE }, { token: tokens.secretariat });
    expect(first.errors).toBeUndefined();
    expect(first.data.addComplaintInternalNote).toMatchObject({ text: FIRST_NOTE, writtenBy: 'test-secretariat' });
    const second = await stack.query<any>(ADD_NOTE, { complaintId: id, text: SECOND_NOTE }, { token: tokens.secretariat });
    expect(second.errors).toBeUndefined();

    const after = await stack.query<any>(WITH_NOTES, { id }, { token: tokens.secretariat });
    expect(after.errors).toBeUndefined();
    expect(after.data.complaint.internalNotes.map((note: any) => [note.text, note.writtenBy])).toEqual([
      [FIRST_NOTE, 'test-secretariat'],
      [SECOND_NOTE, 'test-secretariat'],
    ]);
    expect(after.data.complaint.internalNotes[0].writtenAt <= after.data.complaint.internalNotes[1].writtenAt).toBe(true);
    // Not a status change, not a timeline entry, not a message to the complainant.
    const { internalNotes: _notes, ...rest } = after.data.complaint;
    const { internalNotes: _none, ...restBefore } = before.data.complaint;
    expect(rest).toEqual(restBefore);
    expect((await stack.query<any>(FOLLOW_UP, { code: receiptCode })).data).toEqual(followUpBefore.data);
    expect(followUpBefore.errors).toBeUndefined();

    // Stored encrypted, like the Secretariat's messages.
    const rows = await noteRows(id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.text_encrypted).toMatch(/^v1:/);
      expect(row.text_encrypted).not.toContain('gate log');
    }
  });

  it('lets no one but the Secretariat read or add one, changing nothing', async () => {
    for (const [token, code] of [
      [tokens.aegis, 'FORBIDDEN'],
      [tokens.bastion, 'NOT_FOUND'],
      [tokens.partner, 'NOT_FOUND'],
      [undefined, 'NOT_FOUND'],
    ] as const) {
      const read = await stack.query<any>(NOTES_ONLY, { id }, { token });
      expect(codes(read)).toEqual([code]);
      expect(JSON.stringify(read.data ?? null)).not.toContain('gate log');
    }
    // The complainant follows the complaint with the receipt code: the follow-up has no internal notes at all.
    const followUp = await stack.query<any>(FOLLOW_UP, { code: receiptCode });
    expect(followUp.errors).toBeUndefined();
    expect(JSON.stringify(followUp.data)).not.toContain('gate log');
    const complainantAsks = await stack.query<any>(
      /* GraphQL */ `query Q($code: String!) { complaintByReceipt(receiptCode: $code) { internalNotes { text } } }`,
      { code: receiptCode },
    );
    expect(complainantAsks.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const rowsBefore = (await noteRows(id)).length;
    for (const [token, code] of [
      [tokens.aegis, 'FORBIDDEN'],
      [tokens.bastion, 'FORBIDDEN'],
      [tokens.partner, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const add = await stack.query<any>(ADD_NOTE, { complaintId: id, text: 'Not mine to write' }, { token });
      expect(codes(add)).toEqual([code]);
    }
    expect((await noteRows(id)).length).toBe(rowsBefore);
  });

  it('refuses an empty or too long note and an unknown complaint, changing nothing', async () => {
    const rowsBefore = (await noteRows(id)).length;
    for (const text of ['', '   ', 'x'.repeat(4001)]) {
      const response = await stack.query<any>(ADD_NOTE, { complaintId: id, text }, { token: tokens.secretariat });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    }
    const unknown = await stack.query<any>(
      ADD_NOTE,
      { complaintId: '00000000-0000-4000-8000-000000000000', text: 'Lost' },
      { token: tokens.secretariat },
    );
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect((await noteRows(id)).length).toBe(rowsBefore);
    const longest = await stack.query<any>(ADD_NOTE, { complaintId: id, text: 'x'.repeat(4000) }, { token: tokens.secretariat });
    expect(longest.errors).toBeUndefined();
  });

  it('reads the notes of a page of complaints in a bounded number of statements', async () => {
    // Five new complaints, the newest of all, each with a note.
    for (let index = 0; index < 5; index++) {
      const filed = await file();
      const added = await stack.query<any>(ADD_NOTE, { complaintId: filed.id, text: `Note ${index}` }, { token: tokens.secretariat });
      expect(added.errors).toBeUndefined();
    }
    const statementsFor = async (first: number) => {
      const before = stack.statements();
      const page = await stack.query<any>(PAGE_WITH_NOTES, { first }, { token: tokens.secretariat });
      expect(page.errors).toBeUndefined();
      expect(page.data.complaints.edges).toHaveLength(first);
      for (const edge of page.data.complaints.edges) expect(edge.node.internalNotes).toHaveLength(1);
      return stack.statements() - before;
    };
    const two = await statementsFor(2);
    const five = await statementsFor(5);
    expect(five).toBe(two);
  });
});
