export * from './controls';
export * from './rule-map';
export * from './rule-catalog';
export * from './evaluate';
export * from './evidence';
export * from './control-doc';
export * from './risk-register';
