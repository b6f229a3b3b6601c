export * from './database';
export * from './schema';
export { newId } from './ids';
