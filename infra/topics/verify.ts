// A service whose topics are missing refuses to start: the check lives in the runtime's service skeleton.
export { assertTopicsExist, MissingTopicsError } from '@m3mage/runtime';
