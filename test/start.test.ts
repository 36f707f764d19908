import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../services/subgraphs';
import { applicationInput } from './support/membership';

/**
 * The README's first command, as a newcomer runs it: `npm start` builds and starts the whole stack on
 * the embedded database with sample data, prints where Sandbox is, stops cleanly on Ctrl-C (SIGINT to
 * the process group, as a terminal sends it) and keeps its data across restarts.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'icoca-start-'));
const GATEWAY = 'http://localhost:4000/graphql';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function startStack(): { child: ChildProcess; output: () => string; ready: Promise<void>; exited: Promise<Exit> } {
  let output = '';
  const child = spawn('npm', ['start'], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, output: () => output, ready, exited };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function graphql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** Ctrl-C: SIGINT to the whole process group; npm itself dies of the signal, the services must exit cleanly. */
async function stopWithCtrlC(stack: ReturnType<typeof startStack>): Promise<void> {
  process.kill(-stack.child.pid!, 'SIGINT');
  const exit = await stack.exited;
  expect(exit.code === 0 || exit.code === 130 || exit.signal === 'SIGINT', JSON.stringify(exit)).toBe(true);
  // Give the services the moment they need to close their databases, then nothing may be left.
  for (let i = 0; i < 50 && !(await portIsFree(4000)); i += 1) await new Promise((r) => setTimeout(r, 100));
  expect(stack.output()).not.toMatch(/stopped unexpectedly|Error/);
}

describe('npm start', () => {
  let running: ReturnType<typeof startStack> | undefined;
  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      try {
        process.kill(-running.child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the stack with sample data, stops on Ctrl-C and keeps its data across restarts', async () => {
    running = startStack();
    await running.ready;
    expect(running.output()).toContain('Apollo Sandbox:   http://localhost:4000/');
    const directory = await graphql(/* GraphQL */ `{ organizations { totalCount } }`);
    expect(directory.data.organizations.totalCount).toBe(32);

    const submitted = await graphql(
      /* GraphQL */ `mutation($input: MembershipApplicationInput!) { submitMembershipApplication(input: $input) { id } }`,
      { input: applicationInput({ organizationName: 'Kept Across Restarts Ltd' }) },
    );
    const id = submitted.data.submitMembershipApplication.id;

    await stopWithCtrlC(running);
    for (const port of [4000, ...SUBGRAPHS.map((s) => s.port)]) expect(await portIsFree(port)).toBe(true);

    running = startStack();
    await running.ready;
    // The README's way to get a token for Sandbox.
    const token = execFileSync('npm', ['run', '--silent', 'token', '--', 'secretariat'], { encoding: 'utf8' }).trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const kept = await graphql(/* GraphQL */ `query($id: ID!) { membershipApplication(id: $id) { organizationName } }`, { id }, token);
    expect(kept.data.membershipApplication.organizationName).toBe('Kept Across Restarts Ltd');
    const again = await graphql(/* GraphQL */ `{ organizations { totalCount } }`);
    expect(again.data.organizations.totalCount).toBe(32);

    await stopWithCtrlC(running);
  }, 180_000);
});
