// The mapping kit of the transformer: the shared kit (@m3mage/runtime/mapping) and fitting text into M3 fields.
export * from '@m3mage/runtime/mapping';
export * from './text-fit';
