export * from './fleet';
export * from './jobs';
export * from './limits';
export * from './report';
export * from './routes';
