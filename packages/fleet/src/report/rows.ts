/** The `service` of an environment's own stack in the report's rows. */
export const ENVIRONMENT_ROW = '(environment)';

/** One line of the fleet report: one service (or the environment itself) in one environment. */
export interface FleetRow {
  /** The service, or `(environment)` for the environment's own stack. */
  readonly service: string;
  readonly environment: string;
  /** The service's runtime (`nodejs`, `python`); empty for an environment. */
  readonly runtime: string;
  /** `public`, `internal`, or `environment`. */
  readonly kind: string;
  readonly stacks: number;
  readonly resources: number;
  readonly openFindings: number;
  readonly acknowledgments: number;
  /** Warnings of the packs (cfn-lint's W rules) neither fixed nor acknowledged. */
  readonly warnings: number;
  readonly platformVersion: string;
}
