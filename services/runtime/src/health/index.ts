export { breakersClosedCheck, fnCheck, runCheck, type CheckResult, type HealthCheck } from './checks';
export { healthPlugin, readiness, type HealthPluginOptions, type ReadinessReport } from './plugin';
