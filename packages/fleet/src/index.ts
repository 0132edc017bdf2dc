export * from './fleet';
export * from './jobs';
export * from './limits';
export * from './route-plan';
export * from './routes';
export * from './stacks';
export * from './evidence';
export * from './report';
