import { CreateCommissions1764000000000 } from './1764000000000-create-commissions';

/** Every migration of the commissions database, oldest first. */
export const commissionsMigrations = [CreateCommissions1764000000000];
