// Public surface of the runtime. Services import only from '@m3mage/runtime'.
export * from './core';
export * from './kafka';
export * from './service';
