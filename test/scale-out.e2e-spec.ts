import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, SseStream } from '@app/testing';
import { freePort } from '../tools/stack/free-port';
import { ApiClient } from './support/api-client';
import { createFamily } from './support/fixtures';
import { dropDatabases, SERVER_URL } from '@app/testing';

/**
 * Scale-out in one command, as the docs tell a newcomer: `POSTGRES_URL=… REFERRALS_INSTANCES=2
 * COMMISSIONS_INSTANCES=2 npm run up` (here the launcher itself, built) creates a database per service on the
 * server and runs two processes of each; the rules that concurrency could break still hold through it.
 */
describe('npm run up on PostgreSQL with two instances of referrals and commissions', () => {
  const prefix = `test_up_${randomBytes(4).toString('hex')}_`;
  const dataDir = mkdtempSync(join(tmpdir(), 'referral-up-'));
  let launcher: ChildProcess;
  let output = '';
  let api: ApiClient;

  beforeAll(async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      POSTGRES_URL: SERVER_URL,
      POSTGRES_DATABASE_PREFIX: prefix,
      REFERRALS_INSTANCES: '2',
      COMMISSIONS_INSTANCES: '2',
      DATA_DIR: dataDir,
      PORT: String(port),
    };
    // The launcher's own broker, unless the tests have one of their own.
    delete env.NATS_URL;
    if (process.env.TEST_NATS_URL) {
      env.NATS_URL = process.env.TEST_NATS_URL;
    }
    launcher = spawn(process.execPath, [join(__dirname, '..', 'dist', 'tools', 'up.js')], { env });
    launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm run up did not come up:\n${output}`)), 90_000);
      const check = (): void => {
        if (output.includes('Press Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      };
      launcher.stdout?.on('data', check);
      launcher.once('exit', (code) => reject(new Error(`npm run up exited with ${code}:\n${output}`)));
    });
    api = new ApiClient(`http://127.0.0.1:${port}`, readFileSync(join(dataDir, 'admin-key'), 'utf8').trim());
  }, 120_000);

  afterAll(async () => {
    if (launcher && launcher.exitCode === null) {
      const exited = new Promise((resolve) => launcher.once('exit', resolve));
      launcher.kill('SIGTERM');
      await exited;
    }
    await dropDatabases([`${prefix}referrals`, `${prefix}commissions`]);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('runs two ready processes of referrals and commissions, each on its own database', async () => {
    expect(output).toContain(`PostgreSQL (${prefix}referrals, ${prefix}commissions), 2 × referrals, 2 × commissions`);
    const opsUrls = [...output.matchAll(/^ {2}((?:referrals|commissions)(?:-2)?) +(http:\S+)$/gm)];
    expect(opsUrls.map(([, name]) => name).sort()).toEqual([
      'commissions',
      'commissions-2',
      'referrals',
      'referrals-2',
    ]);
    // The gateway's /health needs one process of each; the second may still be starting.
    for (const [, name, url] of opsUrls) {
      await eventually(
        () =>
          fetch(`${url}/ready`).then(
            (response) => response.status === 200,
            () => false,
          ),
        `${name} ready at ${url}`,
      );
    }
  });

  it('keeps the 8-referral limit: 16 concurrent refers give exactly 8', async () => {
    const referrer = await api.createUser('Popular');
    const users = await Promise.all(Array.from({ length: 16 }, (_, i) => api.createUser(`C${i}`)));
    const responses = await Promise.all(
      users.map((user) => api.post('/refer', { referrer_id: referrer, user_id: user })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(8);
    expect(responses.filter((r) => r.body.code === 'REFERRAL.LIMIT_REACHED')).toHaveLength(8);
  });

  it('keeps the cap exact under 40 concurrent purchases, and streams the credits live', async () => {
    const { grandparent, parent, buyer } = await createFamily(api);
    const stream = await SseStream.open(`${api.baseUrl}/events/${parent}`, {
      authorization: `Bearer ${api.credential ?? ''}`,
    });
    try {
      const responses = await Promise.all(
        Array.from({ length: 40 }, () => api.post('/purchase', { buyer_id: buyer, amount: 1500 })),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
      expect((await api.get(`/earnings/${parent}`)).body.earnings_by_level).toEqual({ '1': 1000, '2': 0 });
      expect((await api.get(`/earnings/${grandparent}`)).body.earnings_by_level).toEqual({ '1': 0, '2': 600 });
      // 13 credits of 75 and one of 25 reach the cap: 14 events, the last with the capped total.
      const events = await stream.waitForEvents(14);
      expect(JSON.parse(events[13].data)).toMatchObject({ total_earnings: 1000 });
    } finally {
      await stream.close();
    }
  });

  it('makes concurrent duplicates of one Idempotency-Key one purchase across instances', async () => {
    const { parent, buyer } = await createFamily(api);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.post('/purchase', { buyer_id: buyer, amount: 1500 }, { headers: { 'Idempotency-Key': `up-${buyer}` } }),
      ),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.purchase_id)).size).toBe(1);
    expect((await api.get(`/earnings/${parent}`)).body.details).toHaveLength(1);
  });
});
