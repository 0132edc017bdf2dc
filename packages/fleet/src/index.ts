export * from './fleet';
export * from './jobs';
export * from './limits';
export * from './routes';
export * from './stacks';
export * from './evidence';
export * from './report';
