import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * No Docker engine runs where the tests run, so the compose file is checked by reading it: every service is
 * present with the settings its config requires, builds from a target the Dockerfile defines, and has a
 * health check that the services depending on it wait for.
 */
interface ComposeService {
  image?: string;
  command?: string[];
  build?: { context: string; target: string };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  restart?: string;
}

const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const dockerTargets = [...readFileSync(join(root, 'Dockerfile'), 'utf8').matchAll(/^FROM \S+ AS (\S+)$/gm)].map(
  (match) => match[1],
);
const services = compose.services;

describe('docker-compose.yml', () => {
  it('describes NATS with JetStream on a volume and PostgreSQL', () => {
    expect(services.nats.command).toEqual(expect.arrayContaining(['-js', '-sd']));
    expect(services.postgres.image).toMatch(/^postgres:/);
  });

  it.each(['referrals', 'commissions', 'notifier', 'gateway'])('builds %s from its Dockerfile target', (name) => {
    expect(services[name].build).toEqual({ context: '.', target: name });
    expect(dockerTargets).toContain(name);
  });

  it.each(['nats', 'postgres', 'referrals', 'commissions', 'notifier', 'gateway'])(
    'restarts %s when it exits unexpectedly, unless stopped on purpose',
    (name) => {
      expect(services[name].restart).toBe('unless-stopped');
    },
  );

  it.each(['nats', 'postgres', 'referrals', 'commissions', 'notifier', 'gateway'])(
    'gives %s a health check',
    (name) => {
      expect(services[name].healthcheck?.test.length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['referrals', 'OPS_PORT', '/ready'],
    ['commissions', 'OPS_PORT', '/ready'],
    ['notifier', 'PORT', '/ready'],
    ['gateway', 'PORT', '/health'],
  ])('checks %s over HTTP on its %s (%s), listening on every interface', (name, portSetting, path) => {
    const environment = services[name].environment ?? {};
    expect(environment[portSetting]).toMatch(/^\d+$/);
    expect(environment.HOST).toBe('0.0.0.0');
    expect(services[name].healthcheck?.test).toEqual([
      'CMD',
      'node',
      'dist/tools/healthcheck.js',
      `http://127.0.0.1:${environment[portSetting]}${path}`,
    ]);
  });

  it('gives every service the settings its configuration needs', () => {
    for (const name of ['referrals', 'commissions', 'notifier', 'gateway']) {
      expect(services[name].environment?.NATS_URL).toBe('nats://nats:4222');
    }
    expect(services.referrals.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*\/referrals$/);
    expect(services.commissions.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*\/commissions$/);
    expect(services.notifier.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*\/notifier$/);
    expect(services.notifier.environment?.WEBHOOK_SECRET_KEYS).toMatch(/^\$\{WEBHOOK_SECRET_KEYS/);
    expect(services.gateway.environment).toMatchObject({ PORT: '3000', NOTIFIER_URL: 'http://notifier:3001' });
    expect(services.notifier.environment).toMatchObject({ PORT: '3001', HOST: '0.0.0.0' });
    expect(services.gateway.ports).toContain('3000:3000');
  });

  it('starts services only after what they depend on is healthy', () => {
    for (const name of ['referrals', 'commissions']) {
      expect(services[name].depends_on).toEqual({
        nats: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
    }
    expect(Object.keys(services.gateway.depends_on ?? {}).sort()).toEqual(['commissions', 'notifier', 'referrals']);
  });

  it('creates one database per service', () => {
    const init = readFileSync(join(root, 'deploy', 'postgres-init.sql'), 'utf8');
    expect(init).toMatch(/CREATE DATABASE referrals;/);
    expect(init).toMatch(/CREATE DATABASE commissions;/);
    expect(init).toMatch(/CREATE DATABASE notifier;/);
  });
});

describe('the supported Node', () => {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };

  it('builds on Node 24.18.1, whose headers better-sqlite3 12 is compiled against, and runs on Node 24 LTS', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM (node:\S+) AS (\S+)/gm)].map(([, image, stage]) => ({ image, stage }));
    expect(bases).toEqual([
      { image: 'node:24.18.1-bookworm-slim', stage: 'build' },
      { image: 'node:24-bookworm-slim', stage: 'runtime' },
    ]);
    // The build fails when the module imports the hook that aborts on garbage-collected statements.
    expect(dockerfile).toMatch(/! grep -q RemoveEnvironmentCleanupHook/);
  });

  it('names in engines the Node versions CI tests: 20 (this machine) and 24', () => {
    expect(packageJson.engines.node).toBe('^20.19.0 || ^24.0.0');
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/scripts\/on-node24\.sh/);
  });
});
