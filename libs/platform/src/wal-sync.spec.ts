import { WalSync, type WalFile } from './wal-sync';

/** A WAL file whose syncs finish when the test says so. */
class HeldFile implements WalFile {
  readonly syncs: { finish(): void; fail(error: Error): void }[] = [];

  datasync(): Promise<void> {
    return new Promise((resolve, reject) => this.syncs.push({ finish: resolve, fail: reject }));
  }
}

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe(WalSync.name, () => {
  let file: HeldFile;
  let wal: WalSync;

  beforeEach(() => {
    file = new HeldFile();
    wal = new WalSync(() => Promise.resolve(file));
  });

  /** `count` commits, each waiting to be on disk, once the syncs they start have been asked for. */
  const commitsWaiting = async (count: number): Promise<Promise<void>[]> => {
    const callers: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      wal.commitMade();
      callers.push(wal.durable());
    }
    await new Promise((resolve) => setImmediate(resolve));
    return callers;
  };

  it('answers at once when nothing was committed since the last sync', async () => {
    await expect(settled(wal.durable())).resolves.toBe(true);
    expect(file.syncs).toHaveLength(0);
  });

  it('answers a commit only once a sync that began after it has finished', async () => {
    wal.commitMade();
    const first = wal.durable();
    await expect(settled(first)).resolves.toBe(false);
    // Committed while the first sync runs: that sync may have missed it.
    wal.commitMade();
    const second = wal.durable();
    file.syncs[0].finish();
    await expect(settled(first)).resolves.toBe(true);
    await expect(settled(second)).resolves.toBe(false);
    file.syncs[1].finish();
    await expect(settled(second)).resolves.toBe(true);
    await expect(settled(wal.durable())).resolves.toBe(true);
  });

  it('starts the sync of a later commit while an earlier one still runs, and answers it when its own ends', async () => {
    const [first, second] = await commitsWaiting(2);
    expect(file.syncs).toHaveLength(2);
    file.syncs[1].finish();
    await expect(settled(second)).resolves.toBe(true);
    await expect(settled(first)).resolves.toBe(false);
    file.syncs[0].finish();
    await expect(settled(first)).resolves.toBe(true);
  });

  it('runs at most three syncs at once; a commit past that starts its own as soon as any of them ends', async () => {
    const callers = await commitsWaiting(4);
    expect(file.syncs).toHaveLength(3);
    // The oldest ends first: the fourth commit, which none of the three covers, gets a sync of its own.
    file.syncs[0].finish();
    await expect(settled(callers[0])).resolves.toBe(true);
    await expect(settled(callers[3])).resolves.toBe(false);
    expect(file.syncs).toHaveLength(4);
    file.syncs[3].finish();
    await expect(settled(callers[3])).resolves.toBe(true);
    file.syncs[1].finish();
    file.syncs[2].finish();
    await Promise.all(callers);
  });

  it('fails the callers of a sync that was running when another failed, though it reported success', async () => {
    const [first, second] = await commitsWaiting(2);
    file.syncs[0].fail(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    // The kernel tells one sync of a lost write; the second may not have heard of it.
    file.syncs[1].finish();
    await expect(second).rejects.toThrow('EIO');
  });

  it('fails a commit that was only waiting for room too once a sync has failed, and starts no sync for it', async () => {
    const callers = await commitsWaiting(4);
    callers.forEach((caller) => void caller.catch(() => undefined));
    file.syncs[0].fail(new Error('EIO'));
    await expect(callers[3]).rejects.toThrow('EIO');
    expect(file.syncs).toHaveLength(3);
  });

  it('shares one sync among the commits made before it began', async () => {
    wal.commitMade();
    wal.commitMade();
    const waiting = [wal.durable(), wal.durable(), wal.durable()];
    await new Promise((resolve) => setImmediate(resolve));
    expect(file.syncs).toHaveLength(1);
    file.syncs[0].finish();
    await Promise.all(waiting);
  });

  it('once a sync has failed, fails every commit not yet confirmed and every later one, and says so once', async () => {
    const failures: unknown[] = [];
    wal = new WalSync(
      () => Promise.resolve(file),
      (error) => failures.push(error),
    );
    wal.commitMade();
    const failed = wal.durable();
    await new Promise((resolve) => setImmediate(resolve));
    file.syncs[0].fail(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    // The kernel may have marked the lost pages clean: a new sync would succeed without them.
    wal.commitMade();
    await expect(wal.durable()).rejects.toThrow('EIO');
    expect(file.syncs).toHaveLength(1);
    expect(failures).toEqual([new Error('EIO')]);
  });
});
