import { CreateWebhooks1764400000000 } from './1764400000000-create-webhooks';

/** Every migration of the notifier database, oldest first. */
export const notifierMigrations = [CreateWebhooks1764400000000];
