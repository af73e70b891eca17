import { CreateUsers1764000000000 } from './1764000000000-create-users';
import { CreateAuditLog1764200000000 } from './1764200000000-create-audit-log';
import { CreateUserEventsOutbox1764300000000 } from './1764300000000-create-user-events-outbox';
import { MemberVersions1764600000000 } from './1764600000000-member-versions';

/** Every migration of the referrals database, oldest first. */
export const referralsMigrations = [
  CreateUsers1764000000000,
  CreateAuditLog1764200000000,
  CreateUserEventsOutbox1764300000000,
  MemberVersions1764600000000,
];
