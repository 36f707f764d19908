import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSummary, originOf, readProfileIn, shortLocation, summariseProfile, type CpuProfile } from '../scripts/cpu-profile';

/**
 * The benchmark's CPU profile summary (`npm run bench -- --profile DIR`), on a profile small enough to
 * count by hand: 10 samples 1 ms apart, of which 2 idle.
 */
const ROOT = '/srv/icoca/dist';
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 4, 5, 6, 7] },
    { id: 2, callFrame: frame('(idle)', '') },
    { id: 3, callFrame: frame('executeFields', 'file:///srv/icoca/node_modules/graphql/execution/execute.js', 650) },
    { id: 4, callFrame: frame('query', 'file:///srv/icoca/node_modules/typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner.js', 75) },
    { id: 5, callFrame: frame('standingOf', `file://${ROOT}/services/certification/src/standing/standing.rules.js`, 9) },
    { id: 6, callFrame: frame('(garbage collector)', '') },
    { id: 7, callFrame: frame('jwtVerify', 'file:///srv/icoca/node_modules/@apollo/gateway/node_modules/jose/dist/webapi/jwt/verify.js', 3) },
  ],
  startTime: 1_000_000,
  endTime: 1_010_000,
  // At 1,001,000 µs, 1,002,000 µs, ... 1,010,000 µs.
  samples: [2, 3, 3, 3, 4, 5, 6, 2, 7, 3],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('the CPU profile summary', () => {
  it('ranks functions by self time among the busy samples, idle left out', () => {
    const summary = summariseProfile(PROFILE, { root: ROOT });
    expect(summary.busySamples).toBe(8);
    expect(summary.idleSamples).toBe(2);
    expect(summary.top.map((f) => [f.percent, f.name, f.location])).toEqual([
      [50, 'executeFields', 'graphql/execution/execute.js:651'],
      [12.5, 'query', 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner.js:76'],
      [12.5, 'standingOf', 'services/certification/src/standing/standing.rules.js:10'],
      [12.5, '(garbage collector)', ''],
      [12.5, 'jwtVerify', 'jose/dist/webapi/jwt/verify.js:4'],
    ]);
    expect(summariseProfile(PROFILE, { root: ROOT, top: 2 }).top).toHaveLength(2);
  });

  it('rolls samples up by package, repository code and garbage collection', () => {
    const { origins } = summariseProfile(PROFILE, { root: ROOT });
    expect(Object.fromEntries(origins.map((o) => [o.origin, o.percent]))).toEqual({
      'node_modules/graphql': 50,
      'node_modules/typeorm': 12.5,
      'repository code': 12.5,
      '(garbage collector)': 12.5,
      'node_modules/jose': 12.5,
    });
  });

  it('counts a compiled tree under node_modules/.cache (a test build) as repository code', () => {
    const root = '/srv/icoca/node_modules/.cache/icoca-bench';
    const here = { functionName: 'standingOf', url: `file://${root}/services/certification/src/standing/standing.rules.js`, lineNumber: 9 };
    expect(originOf(here, root)).toBe('repository code');
    expect(shortLocation(here, root)).toBe('services/certification/src/standing/standing.rules.js:10');
    expect(originOf({ functionName: 'writev', url: '' }, root)).toBe('V8 builtins and native code');
    expect(originOf({ functionName: 'x', url: 'node:internal/crypto/util' }, root)).toBe('node internals');
  });

  it('counts only the samples within the measured window when one is given', () => {
    const summary = summariseProfile(PROFILE, { root: ROOT, window: { fromMicros: 1_005_000, toMicros: 1_010_000 } });
    // Samples 5 to 10: standingOf, the collector, idle, jwtVerify, executeFields, query.
    expect(summary.busySamples).toBe(5);
    expect(summary.idleSamples).toBe(1);
    expect(summary.windowIgnored).toBe(false);
    expect(summary.top.find((f) => f.name === 'executeFields')?.percent).toBe(20);
    // A window in which no sample fell (another clock): the whole profile, and the summary says so.
    const outside = summariseProfile(PROFILE, { root: ROOT, window: { fromMicros: 5, toMicros: 6 } });
    expect(outside.windowIgnored).toBe(true);
    expect(outside.busySamples).toBe(8);
    expect(formatSummary('certification', outside)).toContain('no sample in the measured window');
  });

  it('reads the profile of the process asked for, not another one left in the folder', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'icoca-profile-'));
    try {
      writeFileSync(path.join(folder, 'CPU.20261206.225800.111.0.001.cpuprofile'), JSON.stringify({ ...PROFILE, samples: [2], timeDeltas: [1] }));
      writeFileSync(path.join(folder, 'CPU.20261206.225900.222.0.001.cpuprofile'), JSON.stringify(PROFILE));
      expect(readProfileIn(folder, 222)?.samples).toHaveLength(10);
      expect(readProfileIn(folder, 111)?.samples).toHaveLength(1);
      expect(readProfileIn(folder, 333)).toBeUndefined();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
