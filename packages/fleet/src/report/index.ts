export * from './rows';
export * from './metadata';
export * from './changes';
export * from './document';
export * from './text';
export * from './markdown';
export * from './evidence-markdown';
export * from './write';
