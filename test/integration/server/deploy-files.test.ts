import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serverConfig } from '../../../electron/server/server-config';

// Docker cannot run here: these read the deployment files as Docker, Compose, Caddy and systemd
// would, and hold them to the server's own defaults and to the README.
const ROOT = join(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const README = read('README.md');

/** The Dockerfile's final stage, as instruction → arguments (ENV merged into one map). */
function dockerfile() {
  const text = read('Dockerfile').replace(/\\\n\s*/g, ' ');
  const stages = text.split(/^FROM /m);
  const final = stages.at(-1)!;
  const env: Record<string, string> = {};
  const instructions: Record<string, string[]> = {};
  for (const line of final.split('\n').slice(1)) {
    const match = /^([A-Z]+)\s+(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, name, args] = match as unknown as [string, string, string];
    (instructions[name] ??= []).push(args);
    if (name === 'ENV') for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!;
  }
  return { env, instructions, stageCount: stages.length - 1 };
}

function compose() {
  return parse(read('compose.yaml')) as {
    services: Record<
      string,
      {
        build?: string;
        image?: string;
        environment?: Record<string, string>;
        volumes?: string[];
        expose?: string[];
        ports?: string[];
        depends_on?: Record<string, { condition: string }>;
        healthcheck?: { test: string[] };
      }
    >;
    volumes: Record<string, unknown>;
  };
}

/** Each site block of the Caddyfile: its address and where it proxies to. */
function caddySites(): { address: string; upstream: string }[] {
  return [...read('deploy/Caddyfile').matchAll(/^(\S+) \{\s*\n\s*reverse_proxy (\S+)\s*\n\s*\}/gm)].map((m) => ({
    address: m[1]!,
    upstream: m[2]!,
  }));
}

function systemdEnvironment(): Record<string, string> {
  const unit = read('deploy/pooler-server.service');
  return Object.fromEntries([...unit.matchAll(/^Environment=(\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('deployment files', () => {
  it('the image runs the built server, with its volumes, ports and health check where its settings say', () => {
    const { env, instructions, stageCount } = dockerfile();
    expect(stageCount).toBe(2);
    expect(JSON.parse(instructions.CMD![0]!)).toEqual(['node', 'out/main/serve.js']);
    expect(existsSync(join(ROOT, 'scripts/serve.mjs'))).toBe(true);
    expect(read('scripts/serve.mjs')).toContain("import('../out/main/serve.js')");
    const config = serverConfig(env);
    expect(config).toMatchObject({ host: '0.0.0.0', port: 7440, tls: null });
    expect(instructions.EXPOSE![0]!.split(/\s+/).map(Number)).toEqual([
      config.port,
      Number(env.POOLER_ONBOARDING_PORT),
    ]);
    const volumes = JSON.parse(instructions.VOLUME![0]!) as string[];
    expect(volumes).toContain(env.POOLER_DATA_DIR);
    // The key never sits in the database's volume: losing one must not hand over the other.
    expect(volumes).toContain(posix.dirname(env.POOLER_DATA_KEY_FILE!));
    expect(posix.dirname(env.POOLER_DATA_KEY_FILE!)).not.toBe(env.POOLER_DATA_DIR);
    expect(instructions.HEALTHCHECK![0]).toContain(`http://127.0.0.1:${config.port}/healthz`);
    expect(instructions.USER).toEqual(['node']);
  });

  it('compose runs that image behind Caddy with the same settings, volumes and ports', () => {
    const { env } = dockerfile();
    const { services, volumes } = compose();
    const pooler = services.pooler!;
    expect(pooler.build).toBe('.');
    for (const [key, value] of Object.entries(env)) {
      if (key.startsWith('POOLER_')) expect(pooler.environment?.[key], key).toBe(value);
    }
    const mounts = Object.fromEntries(pooler.volumes!.map((v) => v.split(':').reverse() as [string, string]));
    expect(Object.keys(volumes)).toEqual(expect.arrayContaining([mounts[env.POOLER_DATA_DIR!], mounts['/keys']]));
    expect(pooler.expose!.map(Number)).toEqual([
      Number(pooler.environment!.POOLER_SERVER_PORT),
      Number(pooler.environment!.POOLER_ONBOARDING_PORT),
    ]);
    // Its data in the PostgreSQL service: the URL names that service's user and database, and the
    // server starts once PostgreSQL answers.
    // The password is compose's ${POOLER_DB_PASSWORD…} from .env, the same in both services.
    const password = /\$\{POOLER_DB_PASSWORD[^}]*\}/;
    const url = new URL(pooler.environment!.POOLER_DATABASE_URL!.replace(password, 'from-env'));
    const postgres = services[url.hostname]!;
    expect(postgres.environment!.POSTGRES_PASSWORD).toMatch(password);
    expect(url.password).toBe('from-env');
    expect(postgres.image).toMatch(/^postgres:(1[3-9]|[2-9]\d)$/);
    expect([decodeURIComponent(url.username), url.pathname.slice(1), url.port]).toEqual([
      postgres.environment!.POSTGRES_USER,
      postgres.environment!.POSTGRES_DB,
      '5432',
    ]);
    expect(pooler.depends_on).toEqual({ [url.hostname]: { condition: 'service_healthy' } });
    expect(postgres.healthcheck!.test).toContain('pg_isready');
    expect(Object.keys(volumes)).toContain(postgres.volumes![0]!.split(':')[0]);
    const caddy = services.caddy!;
    expect(caddy.image).toMatch(/^caddy:/);
    expect(caddy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddy.ports).toEqual(['80:80', '443:443']);
  });

  it('Caddy sends the console host to the server listener and the public URL to the invite pages', () => {
    const { environment } = compose().services.pooler!;
    const sites = caddySites();
    expect(sites).toEqual([
      { address: new URL(environment!.POOLER_SERVER_URL!).host, upstream: `pooler:${environment!.POOLER_SERVER_PORT}` },
      {
        address: new URL(environment!.POOLER_PUBLIC_URL!).host,
        upstream: `pooler:${environment!.POOLER_ONBOARDING_PORT}`,
      },
    ]);
  });

  it('the systemd unit runs the same server on loopback behind a proxy', () => {
    const unit = read('deploy/pooler-server.service');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node out\/main\/serve\.js$/m);
    const env = systemdEnvironment();
    expect(serverConfig(env)).toMatchObject({ host: '127.0.0.1', port: 7440, tls: null });
    expect(env.POOLER_DATA_KEY_FILE).toBeDefined();
  });

  it('every setting the files use is documented in the README, with the server’s defaults', () => {
    const used = new Set([
      ...Object.keys(dockerfile().env),
      ...Object.keys(compose().services.pooler!.environment!),
      ...Object.keys(systemdEnvironment()),
    ]);
    for (const name of used) if (name.startsWith('POOLER_')) expect(README, name).toContain(`\`${name}\``);
    const defaults = serverConfig({});
    expect(README).toContain(`| Server listener host | \`POOLER_SERVER_HOST\` | \`${defaults.host}\``);
    expect(README).toContain(`| Server listener port | \`POOLER_SERVER_PORT\` | \`${defaults.port}\` |`);
    for (const file of ['Dockerfile', 'compose.yaml', 'deploy/Caddyfile', 'deploy/pooler-server.service']) {
      expect(README, file).toContain(`\`${file}\``);
    }
  });
});
