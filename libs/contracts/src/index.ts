export * from './subjects';
export * from './contract';
export * from './errors';
export * from './money';
export * from './validation';
export * from './health';
export * from './referrals.payloads';
export * from './commissions.payloads';
