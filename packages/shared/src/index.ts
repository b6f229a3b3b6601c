export * from './audit';
export * from './common';
export * from './enums';
export * from './errors';
export * from './identity';
export * from './limits';
export * from './pagination';
export * from './system';
