import { loadConfig, ServiceConfig } from '@app/platform';

export class CommissionsConfig extends ServiceConfig {}

export const loadCommissionsConfig = (): CommissionsConfig => loadConfig(CommissionsConfig);
