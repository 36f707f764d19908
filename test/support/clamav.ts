import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * A clamd of the tests' own: the official signature database cannot be downloaded on these machines, so
 * its database folder holds one signature, the EICAR test file's, as an .ndb body signature (any file type,
 * anywhere in the file, also inside the streams ClamAV unpacks from a PDF). Debian's clamav-daemon
 * provides clamd; .ci/run installs it and sets REQUIRE_CLAMAV=1, so missing there is a failure, not a skip.
 */

export const CLAMD = '/usr/sbin/clamd';

/** True when the tests that need clamd can run (or must: REQUIRE_CLAMAV=1 makes a missing clamd a failure). */
export const clamdAvailable = existsSync(CLAMD) || process.env.REQUIRE_CLAMAV === '1';

/** The EICAR anti-malware test file: harmless, detected by every scanner by convention. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export interface RunningClamd {
  /** `tcp://127.0.0.1:<port>`, for CLAMAV_URL. */
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether clamd answers PING with PONG on `port`. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer.includes('PONG')));
    socket.on('error', () => resolve(false));
    // A clamd still loading (or anything else on the port) may accept and never answer: ask again later.
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => socket.end('zPING\0'));
  });
}

/** Starts clamd in a temporary folder with the EICAR signature only; resolves once it answers PING. */
export async function startClamd(): Promise<RunningClamd> {
  if (!existsSync(CLAMD)) throw new Error(`${CLAMD} is missing: install Debian's clamav-daemon (REQUIRE_CLAMAV=1 makes this a failure)`);
  const folder = await mkdtemp(path.join(tmpdir(), 'icoca-clamd-'));
  const database = path.join(folder, 'db');
  await (await import('node:fs/promises')).mkdir(database);
  await writeFile(path.join(database, 'icoca-test.ndb'), `ICoCA.Test.EICAR:0:*:${Buffer.from(EICAR).toString('hex')}\n`);
  const port = await freePort();
  const config = path.join(folder, 'clamd.conf');
  await writeFile(
    config,
    [
      'Foreground yes',
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${database}`,
      `LogFile ${path.join(folder, 'clamd.log')}`,
      `TemporaryDirectory ${folder}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(CLAMD, ['-c', config], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (!(await pong(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(folder, { recursive: true, force: true });
      throw new Error('clamd did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url: `tcp://127.0.0.1:${port}`,
    stop: async () => {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}
