import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, SECRET_NAME, SUBMIT } from './support/complaints';
import { createMysqlDatabase, DATABASES } from './support/databases';
import { compile, startProcess, type Compiled, type RunningProcess } from './support/processes';
import { startStack, type Stack } from './support/stack';

/**
 * A complaint that was acknowledged is never lost: the complaints subgraph runs as a process of its
 * own (compiled, as in production), is killed with SIGKILL the moment it has answered, and is started
 * again on the same database, where the complaint must be.
 */
const SECRET = 'durability-test-gateway-secret';
let compiled: Compiled;
const startComplaints = (env: Record<string, string>) => startProcess(compiled.main('complaints'), env);

const FIND = /* GraphQL */ `
  query Find($code: String!) { complaintByReceipt(receiptCode: $code) { referenceNumber status } }
`;
const COMPLAINANTS = /* GraphQL */ `
  { complaints(first: 100) { totalCount edges { node { referenceNumber complainant { name } } } } }
`;

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-gateway-secret': SECRET,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

beforeAll(async () => {
  compiled = await compile('complaints-durability');
}, 180_000);

describe.each(DATABASES)('a filed complaint survives a crash of the complaints process on %s', (database) => {
  let stack: Stack;
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'icoca-durability-'));
  let running: RunningProcess | undefined;

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership'] });
    env = {
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dataDir,
      SAMPLE_DATA: 'false',
      GATEWAY_SECRET: SECRET,
      LOG_LEVEL: 'info',
      COMPLAINANT_DATA_KEY: randomBytes(32).toString('hex'),
      MEMBERSHIP_URL: stack.subgraphs.membership.url,
      MEMBERSHIP_GATEWAY_SECRET: stack.gatewaySecret('membership'),
    };
    if (database === 'mysql') {
      const db = await createMysqlDatabase('complaints');
      env.DATABASE_URL = db.url;
      drop = db.drop;
    }
  });
  afterAll(async () => {
    running?.child.kill('SIGKILL');
    await running?.exited;
    await stack?.stop();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every acknowledged complaint after SIGKILL and a restart', async () => {
    running = await startComplaints(env);
    const receipts: { referenceNumber: string; receiptCode: string }[] = [];
    for (let i = 0; i < 5; i += 1) {
      const answer = await post(running.url, SUBMIT, { input: complaintInput() });
      expect(answer.errors).toBeUndefined();
      receipts.push(answer.data.submitComplaint);
    }
    // The last answer has just arrived: kill at once, with no chance to flush or close anything.
    running.child.kill('SIGKILL');
    expect((await running.exited).signal).toBe('SIGKILL');

    running = await startComplaints(env);
    for (const receipt of receipts) {
      const found = await post(running.url, FIND, { code: receipt.receiptCode });
      expect(found.data.complaintByReceipt).toEqual({ referenceNumber: receipt.referenceNumber, status: 'RECEIVED' });
    }
    const secretariat = await stack.token('secretariat');
    const all = await post(running.url, COMPLAINANTS, {}, secretariat);
    expect(all.data.complaints.totalCount).toBe(5);
    expect(all.data.complaints.edges.map((e: any) => e.node.complainant.name)).toEqual(Array(5).fill(SECRET_NAME));

    // And a filing made while a crash is on its way: the answer, then SIGKILL before anything else.
    const last = await post(running.url, SUBMIT, { input: complaintInput({ anonymous: true, complainantName: null }) });
    running.child.kill('SIGKILL');
    await running.exited;
    running = await startComplaints(env);
    const found = await post(running.url, FIND, { code: last.data.submitComplaint.receiptCode });
    expect(found.data.complaintByReceipt.referenceNumber).toBe(last.data.submitComplaint.referenceNumber);
  });
});
