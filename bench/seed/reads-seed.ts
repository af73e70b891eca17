import { CommissionStatus, shareOf, type CommissionView } from '@app/contracts';
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** The rules the services run with by default (README, Configuration): 5% / 1%, ₹1000 cap per level. */
const RATES_BP: Record<1 | 2, number> = { 1: 500, 2: 100 };
const CAP_PER_LEVEL_PAISE = 100_000;
const NOTE = 'Qualifies (at least ₹1000.00)';
const MAX_DIRECT_REFERRALS = 8;
const ROWS_PER_TRANSACTION = 50_000;
const SAMPLE_SIZE = 10_000;

export interface SeedOptions {
  referralsDb: string;
  commissionsDb: string;
  users: number;
  earnings: number;
  log: (line: string) => void;
  /** PRNG seed, so that two runs load the same data. */
  seed?: number;
}

export interface SeedResult {
  users: number;
  purchases: number;
  earnings: number;
  balances: number;
  seconds: number;
  /** Up to 10,000 users with at least one direct referral (for `/referrals/{id}`). */
  referrers: number[];
  /** Up to 10,000 users who have earned (for `/earnings/{id}`). */
  earners: number[];
  /** The most earning rows one user has (the longest `/earnings` details list). */
  maxEarningsPerUser: number;
  databaseMiB: { referrals: number; commissions: number };
}

/**
 * Fills the services' SQLite files directly, with the services stopped and their migrations already run: a
 * referral forest of `users` (each new user joins a random earlier one that has room under the 8-referral
 * limit; 1% are roots, 1% inactive) and qualifying purchases by random buyers, settled by the rules of money
 * against running balances (shares, the per-level cap, inactive recipients), until `earnings` credits exist.
 * Purchases, earnings and balances are therefore consistent with each other, as the service would have left
 * them. Secondary indexes are dropped during the load and rebuilt from their own definitions afterwards.
 */
export function seedForReads(options: SeedOptions): SeedResult {
  const started = performance.now();
  const random = mulberry32(options.seed ?? 20_251_127);
  const n = options.users;
  const parent = new Int32Array(n + 1);
  const active = new Uint8Array(n + 1).fill(1);
  const kids = new Uint8Array(n + 1);

  const referrals = openForLoad(options.referralsDb, ['users']);
  const insertUser = referrals.db.prepare(
    'INSERT INTO users (id, name, referred_by, is_active, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const open: number[] = [];
  const userTime = Date.now() - 60 * 86_400_000;
  let id = 0;
  while (id < n) {
    referrals.db.transaction(() => {
      for (let row = 0; row < ROWS_PER_TRANSACTION && id < n; row++) {
        id++;
        if (id > 1 && random() >= 0.01 && open.length > 0) {
          const slot = Math.floor(random() * open.length);
          const referrer = open[slot];
          parent[id] = referrer;
          if (++kids[referrer] === MAX_DIRECT_REFERRALS) {
            open[slot] = open[open.length - 1];
            open.pop();
          }
        }
        open.push(id);
        active[id] = random() < 0.01 ? 0 : 1;
        const createdAt = new Date(userTime + id * 1_000).toISOString().replace('T', ' ').slice(0, 19);
        insertUser.run(id, `User ${id}`, parent[id] === 0 ? null : parent[id], active[id], createdAt);
      }
    })();
  }
  options.log(`  ${n.toLocaleString('en')} users inserted (${seconds(started)} s); rebuilding indexes`);
  referrals.finish();

  const buyers: number[] = [];
  for (let user = 1; user <= n; user++) {
    if (parent[user] !== 0) {
      buyers.push(user);
    }
  }
  const commissions = openForLoad(options.commissionsDb, [
    'members',
    'purchases',
    'earnings',
    'balances',
    'totals',
    'outbox',
  ]);
  // Commissions' copy of the tree, as referrals' member changes (version 1: created, referred at once) leave it.
  const insertMember = commissions.db.prepare(
    'INSERT INTO members (user_id, name, referred_by, is_active, version) VALUES (?, ?, ?, ?, 1)',
  );
  for (let first = 1; first <= n; first += ROWS_PER_TRANSACTION) {
    commissions.db.transaction(() => {
      for (let user = first; user < first + ROWS_PER_TRANSACTION && user <= n; user++) {
        insertMember.run(user, `User ${user}`, parent[user] === 0 ? null : parent[user], active[user]);
      }
    })();
  }
  const insertPurchase = commissions.db.prepare(
    `INSERT INTO purchases (id, purchase_key, buyer_id, amount_paise, is_valid, note, commissions, created_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const insertEarning = commissions.db.prepare(
    `INSERT INTO earnings (id, user_id, level, amount_paise, source_user_id, purchase_id, total_after_paise, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const earnedAt: Record<1 | 2, Int32Array> = { 1: new Int32Array(n + 1), 2: new Int32Array(n + 1) };
  const total = new Int32Array(n + 1);
  const rowsPerUser = new Int32Array(n + 1);
  const purchaseTime = Date.now() - 30 * 86_400_000;
  let purchaseId = 0;
  let earningId = 0;
  let nextReport = 1_000_000;
  while (earningId < options.earnings) {
    commissions.db.transaction(() => {
      for (let row = 0; row < ROWS_PER_TRANSACTION && earningId < options.earnings; row++) {
        purchaseId++;
        const buyer = buyers[Math.floor(random() * buyers.length)];
        const amountPaise = 100_000 + Math.floor(random() * 100_001);
        const createdAt = new Date(purchaseTime + purchaseId * 250).toISOString();
        const settled: CommissionView[] = [];
        const credits: { userId: number; level: 1 | 2; amountPaise: number }[] = [];
        let member = parent[buyer];
        for (const level of [1, 2] as const) {
          if (member === 0) {
            break;
          }
          const share = shareOf(amountPaise, RATES_BP[level]);
          if (!active[member]) {
            settled.push({ userId: member, level, amountPaise: 0, status: CommissionStatus.Inactive });
          } else {
            const paid = Math.min(share, CAP_PER_LEVEL_PAISE - earnedAt[level][member]);
            const status = paid < share ? CommissionStatus.Capped : CommissionStatus.Credited;
            settled.push({ userId: member, level, amountPaise: paid, status });
            if (paid > 0) {
              credits.push({ userId: member, level, amountPaise: paid });
            }
          }
          member = parent[member];
        }
        insertPurchase.run(
          purchaseId,
          `seed:${purchaseId}`,
          buyer,
          amountPaise,
          NOTE,
          JSON.stringify(settled),
          createdAt,
        );
        for (const credit of credits) {
          earnedAt[credit.level][credit.userId] += credit.amountPaise;
          total[credit.userId] += credit.amountPaise;
          rowsPerUser[credit.userId]++;
          insertEarning.run(
            ++earningId,
            credit.userId,
            credit.level,
            credit.amountPaise,
            buyer,
            purchaseId,
            total[credit.userId],
            createdAt,
          );
        }
      }
    })();
    if (earningId >= nextReport) {
      options.log(
        `  ${earningId.toLocaleString('en')} earnings, ${purchaseId.toLocaleString('en')} purchases (${seconds(started)} s)`,
      );
      nextReport += 1_000_000;
    }
  }
  const insertBalance = commissions.db.prepare(
    'INSERT INTO balances (user_id, level, earned_paise, last_credit_paise) VALUES (?, ?, ?, 0)',
  );
  const insertTotal = commissions.db.prepare('INSERT INTO totals (user_id, total_paise) VALUES (?, ?)');
  let balances = 0;
  commissions.db.transaction(() => {
    for (let user = 1; user <= n; user++) {
      if (total[user] > 0) {
        for (const level of [1, 2] as const) {
          if (earnedAt[level][user] > 0) {
            insertBalance.run(user, level, earnedAt[level][user]);
          }
        }
        insertTotal.run(user, total[user]);
        balances++;
      }
    }
  })();
  options.log(`  purchases, earnings and balances inserted (${seconds(started)} s); rebuilding indexes`);
  commissions.finish();

  const referrers: number[] = [];
  const earners: number[] = [];
  for (let user = 1; user <= n; user++) {
    if (kids[user] > 0) {
      referrers.push(user);
    }
    if (total[user] > 0) {
      earners.push(user);
    }
  }
  return {
    users: n,
    purchases: purchaseId,
    earnings: earningId,
    balances,
    seconds: Number(seconds(started)),
    referrers: sample(referrers, SAMPLE_SIZE, random),
    earners: sample(earners, SAMPLE_SIZE, random),
    maxEarningsPerUser: rowsPerUser.reduce((max, rows) => Math.max(max, rows), 0),
    databaseMiB: { referrals: mebibytes(options.referralsDb), commissions: mebibytes(options.commissionsDb) },
  };
}

/**
 * Opens a migrated, empty database for a bulk load: no journal, no fsync, foreign keys unchecked (the loader
 * writes consistent rows), secondary indexes dropped. `finish()` rebuilds the indexes from their recorded
 * definitions and puts the file back in WAL mode, as the services expect it.
 */
function openForLoad(file: string, tables: string[]): { db: Database.Database; finish(): void } {
  const db = new Database(file);
  for (const table of tables) {
    const { count } = db.prepare(`SELECT COUNT(*) AS count FROM "${table}"`).get() as { count: number };
    if (count > 0) {
      throw new Error(`${file}: table ${table} is not empty; the loader needs a freshly migrated database`);
    }
  }
  const placeholders = tables.map(() => '?').join(', ');
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1000000');
  for (const index of indexes) {
    db.exec(`DROP INDEX "${index.name}"`);
  }
  return {
    db,
    finish: () => {
      for (const index of indexes) {
        db.exec(index.sql);
      }
      db.pragma('journal_mode = WAL');
      db.close();
      onDisk(file);
    },
  };
}

/**
 * Writes the file's dirty pages out now. Loaded with `synchronous = OFF`, a few hundred MiB of it waited in the
 * page cache, and the kernel wrote them back in the middle of the measured windows (`Dirty` in /proc/meminfo
 * fell by ~570 MB during `/leaderboard`), on the same two cores.
 */
function onDisk(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A small, fast, seedable PRNG (mulberry32), so the same seed loads the same data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sample(values: number[], size: number, random: () => number): number[] {
  if (values.length <= size) {
    return values;
  }
  return Array.from({ length: size }, () => values[Math.floor(random() * values.length)]);
}

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);
const mebibytes = (file: string): number => Math.round(statSync(file).size / 2 ** 20);
