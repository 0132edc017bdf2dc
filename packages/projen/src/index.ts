export * from './service-options';
export * from './fargate-service-project';
export * from './python-fargate-service-project';
