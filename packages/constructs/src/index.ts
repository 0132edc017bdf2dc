export * from './tagging/mandatory-tags';
export * from './compliance/acknowledgments';
export * from './compliance/compliance-pack';
export * from './compliance/compliance-report';
export * from './compliance/compliance-gate';
export * from './compliance/platform-checks';
