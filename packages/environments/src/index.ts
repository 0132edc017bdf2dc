export * from './deployments';
export * from './environments';
