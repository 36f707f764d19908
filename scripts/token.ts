import { DEVELOPMENT_JWT_SECRET, issueToken, ROLES, type Role } from '../services/shared/src';

/**
 * `npm run --silent token -- <public|partner|member|secretariat> [organizationId]` prints a JWT the
 * development stack accepts (signed with AUTH_JWT_SECRET, or the development secret).
 */
async function main(): Promise<void> {
  const [role, organizationId] = process.argv.slice(2);
  if (!ROLES.includes(role as Role)) {
    throw new Error('usage: npm run --silent token -- <public|partner|member|secretariat> [organizationId]');
  }
  if (role === 'member' && !organizationId) throw new Error('a member token needs the organization id');
  const token = await issueToken(process.env.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, {
    role: role as Role,
    organizationId,
    subject: `${role}-developer`,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
