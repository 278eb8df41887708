export { createLifecycle, type Lifecycle, type LifecycleOptions, type SignalSource, type StopFn } from './lifecycle';
