export * from './metrics';
export * from './nats.health';
export * from './ops.controller';
export * from './ops.module';
export * from './public.decorator';
