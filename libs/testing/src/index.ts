/**
 * Helpers the apps' own tests and the system tests share (`@app/testing`): real brokers, real services, real
 * HTTP and SSE clients. Test code only: the build leaves it out.
 */
export * from './eventually';
export * from './http-service-harness';
export * from './members';
export * from './service-harness';
export * from './spec-endpoints';
export * from './sse-client';
export * from './stand-in-service';
export * from './streams';
export * from './test-broker';
export * from './redocly';
export * from './postgres';
export { startNats, type NatsHandle } from '../../../tools/stack/nats-server';
export { testSettings } from './test.config';
