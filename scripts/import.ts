/**
 * `npm run import -- <file> [--dry-run]`: loads organizations (JSON or CSV, see docs/operations.md, "Onboarding the
 * existing register") into the databases the subgraphs use: `MEMBERSHIP_DATABASE_URL` and
 * `CERTIFICATION_DATABASE_URL` (mysql://...), else the SQLite files in `DATA_DIR`.
 * `npm run --silent import -- --print-sample-data` prints the fictional sample register as an import file.
 * `IMPORT_FAIL_BETWEEN_DATABASES=true` stops it once the membership database is written (to rehearse a
 * recovery: running the import again completes it).
 */
import { createLogger, loadSubgraphConfig, openDatabase } from '../services/shared/src';
import { certificationSubgraph } from '../services/certification/src/subgraph';
import { membershipSubgraph } from '../services/membership/src/subgraph';
import { readRegisterFile } from './register-file';
import { formatSummary, runImport } from './register-import';
import { sampleRegister } from './sample-register';

const USAGE = 'usage: npm run import -- <file.json|file.csv> [--dry-run]\n       npm run --silent import -- --print-sample-data';

async function open(definition: typeof membershipSubgraph | typeof certificationSubgraph) {
  const variable = `${definition.name.toUpperCase()}_DATABASE_URL`;
  const url = process.env[variable];
  if (process.env.NODE_ENV === 'production' && !url) throw new Error(`production needs ${variable} (mysql://...)`);
  // Only the database settings matter here: the checks of a serving process (tokens, secrets) do not apply.
  const config = loadSubgraphConfig(definition.name, 0, { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: url, NODE_ENV: 'development' });
  // Logs go to standard error: standard output is the summary.
  const logger = createLogger({ service: `import:${definition.name}`, level: 'warn', standardError: true });
  return openDatabase({
    config: config.database, entities: definition.entities, migrations: definition.migrations, subscribers: definition.subscribers, logger,
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--print-sample-data')) {
    process.stdout.write(`${JSON.stringify(sampleRegister(), null, 2)}\n`);
    return 0;
  }
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || args.some((a) => a.startsWith('--') && a !== '--dry-run')) throw new Error(USAGE);
  const rows = readRegisterFile(files[0]);
  const membership = await open(membershipSubgraph);
  const certification = await open(certificationSubgraph);
  try {
    const summary = await runImport(rows, { membership, certification }, {
      dryRun: args.includes('--dry-run'),
      failBetweenDatabases: process.env.IMPORT_FAIL_BETWEEN_DATABASES === 'true',
    });
    process.stdout.write(formatSummary(summary));
    return summary.refused ? 1 : 0;
  } finally {
    await membership.close();
    await certification.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  },
);
