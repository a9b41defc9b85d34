import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createServices, type CoreConfig } from '../core';
import { AppError } from '../core/errors';

const USAGE = `Usage:
  npm run serve -- operators add EMAIL --role owner|admin|viewer [--pools NAME,NAME]
  npm run serve -- operators list
  npm run serve -- operators revoke EMAIL`;

type Services = Awaited<ReturnType<typeof createServices>>;

/** A CLI mistake: printed with the usage, exit status 2. */
class UsageError extends Error {}

/** `--pools Research,growth,pool-…`: each by name (any case), slug or id. */
async function poolIds(services: Services, list: string | undefined): Promise<string[]> {
  if (list === undefined) return [];
  const pools = await services.pools.list();
  return list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const key = name.toLowerCase();
      const pool = pools.find((p) => p.id === name || p.slug === key || p.name.toLowerCase() === key);
      if (!pool) {
        const known = pools.map((p) => p.name).join(', ') || 'none yet';
        throw new AppError('not_found', `There is no Pool "${name}". Pools: ${known}.`);
      }
      return pool.id;
    });
}

async function run(services: Services, args: string[], serverUrl: string): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, pools: { type: 'string' } },
  });
  const [command, email, ...rest] = positionals;
  // Whoever ran the command on the server's machine: the audit names them.
  const actor = { kind: 'operator' as const, name: `${userInfo().username} (command line)` };
  const poolName = new Map((await services.pools.list()).map((p) => [p.id, p.name]));
  switch (rest.length === 0 ? command : undefined) {
    case 'add': {
      if (!email) throw new UsageError('Name the operator’s email.');
      const added = await services.operators.add(
        { email, role: values.role, poolIds: await poolIds(services, values.pools) },
        actor,
      );
      const scope = added.operator.poolIds.map((id) => poolName.get(id)).join(', ');
      return [
        `Added ${added.operator.email} as ${added.operator.role}${scope ? ` of ${scope}` : ''}.`,
        `Enrolment link (shown once; valid until ${new Date(added.expiresAt).toISOString()}):`,
        `  ${serverUrl}/enrol/${added.enrolmentToken}`,
      ].join('\n');
    }
    case 'list': {
      if (email) throw new UsageError('`operators list` takes no arguments.');
      const rows = await services.operators.list();
      if (rows.length === 0) return 'No operators yet. Add the first owner with `operators add EMAIL --role owner`.';
      return rows
        .map((o) => {
          const pools = o.poolIds.map((id) => poolName.get(id) ?? id).join(', ');
          return `${o.email}\t${o.role}\t${o.status}${pools ? `\t${pools}` : ''}`;
        })
        .join('\n');
    }
    case 'revoke': {
      if (!email) throw new UsageError('Name the operator’s email.');
      const revoked = await services.operators.revoke(email, actor);
      return `Revoked ${revoked.email}: their sessions have ended and they can no longer sign in.`;
    }
    default:
      throw new UsageError(command ? `Unknown operators command "${command.slice(0, 40)}".` : 'Name a command.');
  }
}

/**
 * `npm run serve -- operators …`: manages the team server's operators on its own data folder,
 * whether or not the server is running (SQLite lets both write). Exit 0 done, 1 refused, 2 misused.
 */
export async function operatorsCommand(config: CoreConfig, args: string[], serverUrl: string): Promise<number> {
  const services = await createServices({ ...config, backgroundJobs: false });
  try {
    console.log(await run(services, args, serverUrl));
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof AppError) {
      const fields = Object.values(err.fields ?? {}).filter((f) => f !== err.message);
      console.error([err.message, ...fields].join(' '));
      return 1;
    }
    throw err;
  } finally {
    services.alerts.stop();
    await services.db.close();
    services.sqlite?.close();
    services.logger.flush();
    services.logFile.close();
  }
}
