import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { startTempCluster, type TempCluster } from '../helpers/pg-cluster.js';
import { userInput } from '../helpers/sse.js';
import { JWT_SECRET, jwtFor } from '../helpers/tokens.js';

// Short bounds so the drill is quick; a frozen server is cut by the client-side bound,
// statement + 1 s (docs/protocol-deviations.md #26).
const CONNECT_MS = 1_000;
const STATEMENT_MS = 1_500;
// The longest any request may take while the database is down or frozen: one pool wait or
// connect, plus one statement cut client-side, plus scheduling slack on a busy machine.
const BOUND_MS = CONNECT_MS + STATEMENT_MS + 1_000 + 1_500;
const WORKERS = 4;

interface Outcome {
  kind: 'list' | 'create';
  status: number; // 0: no answer within the abort bound (a hang)
  retryAfter: string | null;
  startedAt: number;
  ms: number;
}

describe('PostgreSQL outage drill (a private cluster, stopped and frozen during traffic)', () => {
  let cluster: TempCluster;
  let server: ChildServer;
  let token: string;

  beforeAll(async () => {
    cluster = await startTempCluster();
    await ensureBuilt();
    token = await jwtFor('drill-user');
    server = await startChildServer(
      {
        DATABASE_URL: cluster.url,
        THREADLINE_AUTH: 'jwt',
        JWT_SECRET,
        THREADLINE_DEMO_DELAY_MS: '0',
        // Uploads stay on (the default): their store wrapper must keep the pre-stream check.
        // The drill sends far more than a user would; limits would answer 429 instead.
        RATE_LIMIT_PER_IP: '1000000',
        RATE_LIMIT_PER_USER: '1000000',
        DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_MS),
        DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_MS),
      },
      ['--demo'],
    );
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await cluster?.destroy();
  }, 60_000);

  /** One request, read to its end (a stream included), bounded so a hang shows as status 0. */
  async function request(kind: Outcome['kind']): Promise<Outcome> {
    const startedAt = Date.now();
    const body =
      kind === 'list'
        ? { type: 'threads.list', params: { limit: 5 } }
        : { type: 'threads.create', params: { input: userInput('Outage drill') } };
    try {
      const res = await fetch(`${server.url}/chatkit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(BOUND_MS + 10_000),
      });
      await res.text();
      const retryAfter = res.headers.get('retry-after');
      return { kind, status: res.status, retryAfter, startedAt, ms: Date.now() - startedAt };
    } catch {
      return { kind, status: 0, retryAfter: null, startedAt, ms: Date.now() - startedAt };
    }
  }

  const readyz = async (): Promise<number> =>
    (await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(10_000) })).status;

  /** Concurrent list/create workers until `stop()`; returns every outcome. */
  function traffic(): { stop(): Promise<Outcome[]> } {
    const outcomes: Outcome[] = [];
    let running = true;
    const workers = Array.from({ length: WORKERS }, async (_, i) => {
      while (running) outcomes.push(await request(i % 2 === 0 ? 'list' : 'create'));
    });
    return {
      stop: async () => {
        running = false;
        await Promise.all(workers);
        return outcomes;
      },
    };
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function drill(name: string, outage: () => Promise<void>, recover: () => Promise<void>) {
    const load = traffic();
    await sleep(500);
    await outage();
    const outageAt = Date.now();
    // Long enough for every request in flight at the outage to hit its bound, and then some.
    let readyDuringOutage = 0;
    let readyMs = 0;
    const readyProbe = (async () => {
      await sleep(BOUND_MS);
      const startedAt = Date.now();
      readyDuringOutage = await readyz();
      readyMs = Date.now() - startedAt;
    })();
    await sleep(BOUND_MS + 3_000);
    await readyProbe;
    const during = await load.stop();

    const before = during.filter((o) => o.startedAt < outageAt - 500);
    const after = during.filter((o) => o.startedAt >= outageAt);
    const first503 = Math.min(
      ...during.filter((o) => o.status === 503).map((o) => o.startedAt + o.ms),
    );

    // Recovery: restart (or thaw) and measure until both operations and /readyz answer 200.
    await recover();
    const recoverAt = Date.now();
    let recoveredMs = -1;
    while (Date.now() - recoverAt < 20_000) {
      const [list, create, ready] = await Promise.all([
        request('list'),
        request('create'),
        readyz(),
      ]);
      if (list.status === 200 && create.status === 200 && ready === 200) {
        recoveredMs = Date.now() - recoverAt;
        break;
      }
      await sleep(50);
    }
    const afterRecovery = traffic();
    await sleep(1_000);
    const healthy = await afterRecovery.stop();

    console.log(
      `[${name}] requests: ${during.length} (${after.length} started during the outage); ` +
        `first 503 ${first503 - outageAt} ms after the outage; slowest request ` +
        `${Math.max(...during.map((o) => o.ms))} ms (bound ${BOUND_MS}); ` +
        `/readyz ${readyDuringOutage} in ${readyMs} ms; recovered in ${recoveredMs} ms; ` +
        `${healthy.length} requests after recovery`,
    );

    // Traffic flowed before the outage.
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((o) => o.status === 200)).toBe(true);
    // No request hung: every one ended within the bound, in flight at the outage or not.
    expect(during.filter((o) => o.status === 0 || o.ms > BOUND_MS)).toEqual([]);
    // Every request started during the outage is a 503 with Retry-After, list and create alike.
    expect(after.length).toBeGreaterThanOrEqual(WORKERS);
    expect(new Set(after.map((o) => o.kind))).toEqual(new Set(['list', 'create']));
    expect(after.filter((o) => o.status !== 503 || !/^\d+$/.test(o.retryAfter ?? ''))).toEqual([]);
    expect(first503 - outageAt).toBeLessThanOrEqual(BOUND_MS);
    expect(readyDuringOutage).toBe(503);
    // Recovery without restarting the app.
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    expect(server.child.exitCode).toBeNull();
    expect(healthy.length).toBeGreaterThan(0);
    expect(healthy.filter((o) => o.status !== 200)).toEqual([]);
  }

  it('answers 200 while the cluster is up', async () => {
    expect((await request('list')).status).toBe(200);
    expect((await request('create')).status).toBe(200);
    expect(await readyz()).toBe(200);
  });

  it('a stopped cluster: 503 + Retry-After within the bound, /readyz 503, recovery after restart', async () => {
    await drill(
      'stop',
      () => cluster.stop(),
      () => cluster.start(),
    );
  }, 60_000);

  it('a frozen cluster (SIGSTOP): no request hangs, 503 + Retry-After, recovery after SIGCONT', async () => {
    await drill(
      'freeze',
      () => cluster.freeze(),
      () => cluster.thaw(),
    );
  }, 60_000);
});
