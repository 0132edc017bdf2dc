import * as fc from 'fast-check';

/**
 * The design's floor: every property test runs at least 100 generated configurations.
 * A test may ask for more, never fewer (test/properties.test.ts at the root checks it).
 */
fc.configureGlobal({ numRuns: 100 });
