export { FaultInjector, faultProfileSchema } from './profile';
export type { FaultProfile, FaultVerdict, FaultInjectorOptions } from './profile';
export { CallRecorder, redactAuthorization } from './recorder';
export type { RecordedCall, CallRecorderOptions } from './recorder';
export { installFaults, isControlUrl } from './fastify-faults';
export type { InstallFaultsOptions } from './fastify-faults';
export { controlPlugin } from './control';
export type { ControlPluginOptions } from './control';
