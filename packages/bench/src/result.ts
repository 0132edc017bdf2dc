/** The line a run prints last, which the benchmark reads. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** What one run of one side reports about itself (times and memory are measured by the parent). */
export interface RunResult {
  readonly side: string;
  readonly scenario: string;
  readonly services: number;
  /** Problems the fleet command reports (open findings, route clashes, quotas beyond 80 %); the baseline has no gates. */
  readonly problems: string[];
  /** Seconds from the start of the run's script to the end of its synthesis (module loading included). */
  readonly synthSeconds: number;
}
