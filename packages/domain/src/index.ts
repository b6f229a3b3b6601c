export * from './clock';
export * from './cursor';
export * from './data-scope';
export * from './department-tree';
export * from './if-match';
export * from './lockout';
