import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase, MYSQL_SERVER_URL } from './support/databases';
import { compile, ROOT } from './support/processes';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run import` as an operator runs it: the compiled script, its own process, the environment given. */
describe('the import command', () => {
  let script: string;
  const folder = mkdtempSync(path.join(tmpdir(), 'icoca-import-'));
  const example = path.join(ROOT, 'scripts/examples/register.json');

  beforeAll(async () => {
    const compiled = await compile('import-command');
    // main('membership') is <out>/services/membership/src/main.js.
    script = path.join(path.dirname(compiled.main('membership')), '../../../scripts/import.js');
  }, 180_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    promisify(execFile)(process.execPath, [script, ...args], { env: { PATH: process.env.PATH, DATA_DIR: path.join(folder, 'data'), ...env } })
      .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
      .catch((error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));

  it('is interrupted between the two databases, and run again completes the import', async () => {
    const interrupted = await run([example], { IMPORT_FAIL_BETWEEN_DATABASES: 'true' });
    expect(interrupted.code, interrupted.stderr).toBe(2);
    expect(interrupted.stderr).toMatch(/interrupted after the membership database.*run it again/);

    const rerun = await run([example]);
    expect(rerun).toMatchObject({ code: 0 });
    expect(rerun.stdout).toBe('organizations: 0 created, 3 unchanged\ncertifications: 2 created, 0 unchanged\nrefused: 0 row(s)\n');
    const again = await run([example]);
    expect(again.stdout).toBe('organizations: 0 created, 3 unchanged\ncertifications: 0 created, 2 unchanged\nrefused: 0 row(s)\n');
  });

  it.runIf(MYSQL_SERVER_URL)('writes MySQL databases named by MEMBERSHIP_DATABASE_URL and CERTIFICATION_DATABASE_URL, and completes on a re-run', async () => {
    const membership = await createMysqlDatabase('import_membership');
    const certification = await createMysqlDatabase('import_certification');
    try {
      const env = { MEMBERSHIP_DATABASE_URL: membership.url, CERTIFICATION_DATABASE_URL: certification.url };
      const interrupted = await run([example], { ...env, IMPORT_FAIL_BETWEEN_DATABASES: 'true' });
      expect(interrupted.code, interrupted.stderr).toBe(2);
      const rerun = await run([example], env);
      expect(rerun.stdout).toBe('organizations: 0 created, 3 unchanged\ncertifications: 2 created, 0 unchanged\nrefused: 0 row(s)\n');
    } finally {
      await membership.drop();
      await certification.drop();
    }
  });

  it('prints each refusal with its row and field and exits 1, writing nothing; a dry run writes nothing either', async () => {
    const bad = path.join(folder, 'bad.csv');
    writeFileSync(bad, 'externalReference,name,pillar,headquartersCountry,statusHistory\n' +
      'R-9,Fine Guarding Ltd,PRIVATE_SECURITY_COMPANY,KE,"[{""status"":""ACTIVE"",""category"":""MEMBER"",""effectiveFrom"":""2021-01-04"",""reason"":""Admitted""}]"\n' +
      'R-10,Fine Two Ltd,PRIVATE_SECURITY_COMPANY,XK,"[{""status"":""ACTIVE"",""category"":""OBSERVER"",""effectiveFrom"":""2021-01-04"",""reason"":""Admitted""}]"\n');
    const refused = await run([bad]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('row 3, headquartersCountry: headquartersCountry: "XK" is not an ISO 3166-1 alpha-2 country code\n');
    expect(refused.stdout).toContain('row 3, statusHistory[0].category: A company providing security services cannot be an observer\n');
    expect(refused.stdout).toContain('refused: 1 row(s) — nothing was written\n');
    const dryRun = await run([path.join(ROOT, 'scripts/examples/register.csv'), '--dry-run']);
    expect(dryRun.stdout).toContain('organizations: 2 would be created, 0 unchanged');
    const real = await run([path.join(ROOT, 'scripts/examples/register.csv')]);
    expect(real.stdout).toContain('organizations: 2 created, 0 unchanged');
  });

  it('refuses a look-alike of a name in the register unless the CSV row acknowledges it, and a look-alike within the file', async () => {
    const file = path.join(folder, 'look-alikes.csv');
    const history = '"[{""status"":""ACTIVE"",""category"":""MEMBER"",""effectiveFrom"":""2021-01-04"",""reason"":""Admitted""}]"';
    const write = (acknowledge: string) => writeFileSync(file, 'externalReference,name,pillar,headquartersCountry,statusHistory,acknowledgeSimilarNames\n' +
      `R-20,QUARRY HILL PROTECTION GmbH,CIVIL_SOCIETY,KE,${history},${acknowledge}\n` +
      `R-21,Skua Rights Watch,CIVIL_SOCIETY,KE,${history},\n` +
      `R-22,Skua Rights Watch Ltd,CIVIL_SOCIETY,KE,${history},false\n`);
    write('');
    const refused = await run([file]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^row 2, name: "QUARRY HILL PROTECTION GmbH" looks like "Quarry Hill Protection Ltd", a name of organization [0-9a-f-]{36} in the register; set acknowledgeSimilarNames to true on this row/m);
    expect(refused.stdout).toContain('row 4, name: "Skua Rights Watch Ltd" looks like "Skua Rights Watch", a name of the organization on row 3; set acknowledgeSimilarNames');
    expect(refused.stdout).toContain('refused: 2 row(s) — nothing was written\n');
    write('true');
    const stillRefused = await run([file]);
    expect(stillRefused.stdout).not.toContain('row 2,');
    expect(stillRefused.stdout).toContain('refused: 1 row(s)');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\nR-22.*\n$/, '\n'));
    const written = await run([file]);
    expect(written).toMatchObject({ code: 0 });
    expect(written.stdout).toContain('organizations: 2 created, 0 unchanged');
  });

  it('prints the sample register as an import file the command accepts', async () => {
    const printed = await run(['--print-sample-data']);
    const file = path.join(folder, 'sample.json');
    writeFileSync(file, printed.stdout);
    expect(JSON.parse(printed.stdout).organizations).toHaveLength(32);
    const checked = await run([file, '--dry-run'], { DATA_DIR: path.join(folder, 'empty') });
    expect(checked.stdout).toContain('organizations: 32 would be created, 0 unchanged\ncertifications: 8 would be created');
  });
});
