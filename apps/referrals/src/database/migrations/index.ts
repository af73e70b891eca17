import { CreateUsers1764000000000 } from './1764000000000-create-users';

/** Every migration of the referrals database, oldest first. */
export const referralsMigrations = [CreateUsers1764000000000];
