export * from './data-dir-lock';
export * from './database';
export { newId } from './ids';
export * from './schema';
export * from './scope';
