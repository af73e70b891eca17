import { CreateCommissions1764000000000 } from './1764000000000-create-commissions';
import { AddRefunds1764100000000 } from './1764100000000-add-refunds';
import { Ledger1764300000000 } from './1764300000000-ledger';
import { Payouts1764400000000 } from './1764400000000-payouts';
import { LeanEarningsIndexes1764500000000 } from './1764500000000-lean-earnings-indexes';
import { Members1764600000000 } from './1764600000000-members';
import { CoveringEarningsIndex1764700000000 } from './1764700000000-covering-earnings-index';

/** Every migration of the commissions database, oldest first. */
export const commissionsMigrations = [
  CreateCommissions1764000000000,
  AddRefunds1764100000000,
  Ledger1764300000000,
  Payouts1764400000000,
  LeanEarningsIndexes1764500000000,
  Members1764600000000,
  CoveringEarningsIndex1764700000000,
];
