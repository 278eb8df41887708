export * from './catalogue';
export * from './derive';
export * from './plan';
export * from './admin';
export * from './verify';
export * from './schema-of';
export * from './apply-catalogue';
