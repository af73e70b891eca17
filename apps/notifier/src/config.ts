import { loadConfig, ServiceConfig } from '@app/platform';

export class NotifierConfig extends ServiceConfig {}

export const loadNotifierConfig = (): NotifierConfig => loadConfig(NotifierConfig);
