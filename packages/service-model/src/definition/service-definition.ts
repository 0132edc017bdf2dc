import * as fs from 'fs';
import { z } from 'zod';
import { ModelError } from '../model-error';
import { AwsRules } from '../rules/aws-rules';
import { ServiceExposure } from '../service-exposure';
import { ServiceRuntime } from '../service-runtime';
import { structuralProblems } from './problems';
import { definition, DefinitionInput } from './schema';
import { defaultsOf, merge, semanticProblems } from './semantic-rules';
import { ServiceSecret, ServiceSpec, ServiceTarget } from './service-spec';

/**
 * A service as its team describes it (service.json): what it is, and where it runs, parsed once.
 *
 * `parse` checks the description's structure (every field known, of its type, in its range)
 * and every rule AWS will apply to what the platform derives from it, and throws one error
 * listing every problem: which field, what value, what is allowed ("did you mean" for an
 * unknown field). What it returns is resolved per environment (`specFor`): defaults applied,
 * the environment's own settings merged in. Layers after it take that and check nothing again.
 *
 * @example
 * const service = ServiceDefinition.fromFile('service.json');
 * const prod = service.specFor('prod');
 */
export class ServiceDefinition {
  /** The Compliance tag value of a service that does not set its own. */
  public static readonly DEFAULT_COMPLIANCE = 'nist-800-53-r5 soc2';

  /**
   * Parse a description (the JSON of service.json).
   *
   * @param description the parsed JSON
   * @param source where it came from, for the error message (e.g. the file's path)
   */
  public static parse(description: any, source?: string): ServiceDefinition {
    const problems = ServiceDefinition.problemsOf(description);
    if (problems.length > 0) {
      throw new ModelError(source ?? 'the service description', problems);
    }
    return new ServiceDefinition(definition.parse(description));
  }

  /**
   * Every problem of a description, as sentences; empty when `parse` would accept it.
   *
   * @param description the parsed JSON
   */
  public static problemsOf(description: any): string[] {
    const result = definition.safeParse(description, { reportInput: true });
    return result.success ? semanticProblems(result.data) : structuralProblems(definition, description, result.error.issues);
  }

  /**
   * Read and parse a service.json.
   *
   * @param file its path
   */
  public static fromFile(file: string): ServiceDefinition {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf-8');
    } catch (e) {
      throw new ModelError(file, [`cannot be read: ${(e as Error).message}`]);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ModelError(file, [`is not JSON: ${(e as Error).message}`]);
    }
    return ServiceDefinition.parse(json, file);
  }

  /** The JSON Schema (draft 2020-12) of service.json, generated from the same definition `parse` reads with. */
  public static jsonSchema(): any {
    return z.toJSONSchema(definition);
  }

  /** The service's name. */
  public readonly name: string;
  public readonly exposure: ServiceExposure;
  public readonly runtime: ServiceRuntime;
  /** The platform version the service is built with. */
  public readonly platformVersion: string;
  /** The Compliance tag of the service's resources. */
  public readonly compliance: string;
  /** The environments, in promotion order. */
  public readonly targets: ServiceTarget[];
  /** The service in each environment, in the order of `targets`. */
  public readonly specs: ServiceSpec[];

  private readonly input: DefinitionInput;

  private constructor(input: DefinitionInput) {
    this.input = input;
    const spec = input.spec;
    this.name = spec.name;
    this.exposure = spec.exposure as ServiceExposure;
    this.runtime = spec.runtime as ServiceRuntime;
    this.platformVersion = input.platformVersion;
    this.compliance = input.compliance ?? ServiceDefinition.DEFAULT_COMPLIANCE;
    this.targets = input.targets.map((t) => ({ ...t, loadBalancers: t.loadBalancers ?? 1 }));
    const defaults = defaultsOf(spec);
    this.specs = this.targets.map((target) => {
      const merged = merge(spec, spec.environments?.[target.environment]);
      const secret = (shared: boolean) => ([variable, valueFrom]: [string, string]): ServiceSecret =>
        ({ variable, valueFrom, reference: AwsRules.parseSecretReference(valueFrom)!, shared });
      return ServiceSpec._create({
        target,
        name: spec.name,
        exposure: this.exposure,
        runtime: this.runtime,
        containerPort: defaults.containerPort,
        cpu: merged.cpu,
        memoryLimitMiB: merged.memoryLimitMiB,
        desiredCount: merged.desiredCount,
        minCapacity: merged.minCapacity ?? merged.desiredCount,
        maxCapacity: merged.maxCapacity ?? 2 * merged.desiredCount,
        healthCheckPath: defaults.healthCheckPath,
        route: spec.route && {
          pathPattern: spec.route.pathPattern,
          priority: spec.route.priority!,
          hostHeader: spec.route.hostHeader,
          loadBalancer: spec.route.loadBalancer ?? 0,
        },
        calls: spec.calls ?? [],
        config: merged.config,
        secrets: [...Object.entries(merged.secrets).map(secret(false)), ...Object.entries(merged.sharedSecrets).map(secret(true))],
        owner: spec.owner.trim(),
        costCenter: spec.costCenter.trim(),
        sourceRepository: spec.sourceRepository,
        compliance: this.compliance,
        platformVersion: input.platformVersion,
      });
    });
  }

  /**
   * The service in one of its environments.
   *
   * @param environment the environment's name
   */
  public specFor(environment: string): ServiceSpec {
    const spec = this.specs.find((s) => s.environment === environment);
    if (!spec) {
      throw new ModelError(this.name, [`has no environment '${environment}'; its environments are ${this.targets.map((t) => t.environment).join(', ')}`]);
    }
    return spec;
  }

  /** The description as written (validated), for writing service.json. */
  public toJson(): any {
    return JSON.parse(JSON.stringify(this.input));
  }
}
