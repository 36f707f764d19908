import { DEVELOPMENT_JWT_SECRET, issueToken, ROLES, type Role } from '../services/shared/src';

const USAGE =
  'usage: npm run --silent token -- <public|partner|member|secretariat> [organizationId] [--organization <id>] [--client <clientId>]\n' +
  '  member: the organization it speaks for (required); partner: the partner organization it acts for (optional)\n' +
  '  --client: the API client id the token is issued to (rate limits and logs count by it)';

/**
 * `npm run --silent token -- <role> [organizationId] [--client <id>]` prints a JWT the development
 * stack accepts (HS256, signed with AUTH_JWT_SECRET or the development secret). Production signs
 * people in through an identity provider instead (docs/operations.md: "Connecting an identity provider").
 */
function parse(argv: string[]): { role: Role; organizationId?: string; clientId?: string } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = /^--(organization|client)$/.exec(argv[i]);
    if (flag) {
      if (!argv[i + 1]) throw new Error(USAGE);
      flags[flag[1]] = argv[(i += 1)];
    } else if (argv[i].startsWith('--')) {
      throw new Error(USAGE);
    } else {
      positional.push(argv[i]);
    }
  }
  const [role, organization] = positional;
  if (!ROLES.includes(role as Role) || positional.length > 2) throw new Error(USAGE);
  const organizationId = flags.organization ?? organization;
  if (role === 'member' && !organizationId) throw new Error('a member token needs the organization id');
  return { role: role as Role, organizationId, clientId: flags.client ?? `${role}-developer-app` };
}

async function main(): Promise<void> {
  const claims = parse(process.argv.slice(2));
  const token = await issueToken(process.env.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, { ...claims, subject: `${claims.role}-developer` });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
