import { REGIONS_BY_PARTITION } from './regions';
import { closest } from '../private/did-you-mean';

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  /** The network address, as an unsigned 32-bit integer. */
  readonly network: number;
  /** The prefix length, 0-32. */
  readonly prefix: number;
}

/** A Secrets Manager reference as ECS reads `valueFrom`: the complete secret ARN, taken apart. */
export interface SecretReference {
  /** The complete ARN of the secret, without the JSON key / version suffix. */
  readonly secretArn: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The secret's name, without the six random characters Secrets Manager appends. */
  readonly secretName: string;
  /** The JSON key whose value is injected; undefined injects the whole secret string. */
  readonly jsonKey?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_CHARACTERS_TEXT = 'letters, digits, spaces and _ . : / = + - @';
const PATH_PATTERN_CHARACTERS = /^[A-Za-z0-9_\-.$/~"'@:+&*?]*$/;
const HOST_HEADER = /^[A-Za-z0-9*?]([A-Za-z0-9*?.-]*[A-Za-z0-9*?])?$/;

/**
 * The rules AWS applies to the names and values the platform derives from what a team writes,
 * checked when the description is read rather than when CloudFormation refuses a stack. Each
 * check returns sentences naming the field, the value and what is allowed; empty when it holds.
 */
export class AwsRules {
  /** Tag keys hold 1-128 characters. */
  public static readonly MAX_TAG_KEY_LENGTH = 128;
  /** Tag values hold up to 256 characters. */
  public static readonly MAX_TAG_VALUE_LENGTH = 256;
  /** A listener rule's path pattern holds up to 128 characters. */
  public static readonly MAX_PATH_PATTERN_LENGTH = 128;
  /** A listener rule's host header holds up to 128 characters. */
  public static readonly MAX_HOST_HEADER_LENGTH = 128;
  /** Wildcards (`*`, `?`) a listener rule may hold across all its conditions. */
  public static readonly MAX_RULE_WILDCARDS = 5;
  /** Listener rule priorities run from 1 to 50,000. */
  public static readonly MAX_RULE_PRIORITY = 50000;
  /** A target group's health check path holds up to 1,024 characters. */
  public static readonly MAX_HEALTH_CHECK_PATH_LENGTH = 1024;
  /** A standard-tier SSM parameter holds up to 4,096 characters. */
  public static readonly MAX_PARAMETER_VALUE_LENGTH = 4096;
  /** An SSM parameter name (its full path) holds up to 1,011 characters. */
  public static readonly MAX_PARAMETER_NAME_LENGTH = 1011;

  /** Every Region a platform environment may be in. */
  public static get regions(): string[] {
    return Object.values(REGIONS_BY_PARTITION).flat();
  }

  /**
   * The partition of a Region (`aws`, `aws-us-gov`, `aws-cn`), or undefined for an unknown Region.
   *
   * @param region e.g. `eu-west-1`
   */
  public static partitionOf(region: string): string | undefined {
    return Object.keys(REGIONS_BY_PARTITION).find((p) => REGIONS_BY_PARTITION[p].includes(region));
  }

  /**
   * An account id is 12 digits.
   *
   * @param field the field's name in messages
   * @param account the value
   */
  public static accountProblems(field: string, account: string): string[] {
    return /^\d{12}$/.test(account) ? [] : [`${field} must be an AWS account id of 12 digits; got ${JSON.stringify(account)}`];
  }

  /**
   * A Region must be one AWS has.
   *
   * @param field the field's name in messages
   * @param region the value
   */
  public static regionProblems(field: string, region: string): string[] {
    if (AwsRules.partitionOf(region) !== undefined) {
      return [];
    }
    const near = closest(region, AwsRules.regions);
    return [`${field} must be an AWS Region such as us-east-1 or eu-west-1${near ? ` (did you mean '${near}'?)` : ''}; got ${JSON.stringify(region)}`];
  }

  /**
   * Availability zone names are the Region's name and one letter, each zone once.
   *
   * @param field the field's name in messages
   * @param region the Region the zones must be in
   * @param zones the zone names
   */
  public static availabilityZoneProblems(field: string, region: string, zones: string[]): string[] {
    const problems = zones.filter((z) => !new RegExp(`^${escape(region)}[a-z]$`).test(z))
      .map((z) => `${field} must be zones of ${region} (${region}a, ${region}b, ...); got '${z}'`);
    const twice = zones.filter((z, i) => zones.indexOf(z) !== i);
    if (twice.length > 0) {
      problems.push(`${field} must name each zone once; got ${[...new Set(twice)].join(', ')} more than once`);
    }
    return problems;
  }

  /**
   * The strictest tag rules of the services the platform tags: IAM, Lambda, ECS and others accept
   * only letters, digits, white space and `_ . : / = + - @` in keys and values; keys hold 1-128
   * characters, values up to 256, and the `aws:` prefix is reserved.
   *
   * @param key the tag key
   * @param value the tag value
   */
  public static tagProblems(key: string, value: string): string[] {
    const problems: string[] = [];
    const shown = `tag ${JSON.stringify(key)}=${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value)}`;
    if (key.length < 1 || key.length > AwsRules.MAX_TAG_KEY_LENGTH) {
      problems.push(`${shown}: a tag key holds 1-${AwsRules.MAX_TAG_KEY_LENGTH} characters; got ${key.length}`);
    }
    if (!TAG_CHARACTERS.test(key)) {
      problems.push(`${shown}: a tag key may hold only ${TAG_CHARACTERS_TEXT}`);
    }
    if (/^aws:/i.test(key)) {
      problems.push(`${shown}: the tag key prefix 'aws:' is reserved for AWS`);
    }
    if (value.length > AwsRules.MAX_TAG_VALUE_LENGTH) {
      problems.push(`${shown}: a tag value holds at most ${AwsRules.MAX_TAG_VALUE_LENGTH} characters; got ${value.length}`);
    }
    if (!TAG_CHARACTERS.test(value)) {
      problems.push(`${shown}: a tag value may hold only ${TAG_CHARACTERS_TEXT} (IAM, Lambda and ECS refuse anything else)`);
    }
    return problems;
  }

  /**
   * A listener rule's path pattern: starts with `/`, up to 128 characters of the set the load
   * balancer accepts (letters, digits, `_ - . $ / ~ " ' @ : + &`, wildcards `*` and `?`).
   *
   * @param field the field's name in messages
   * @param pattern the value
   */
  public static pathPatternProblems(field: string, pattern: string): string[] {
    const problems: string[] = [];
    if (!pattern.startsWith('/')) {
      problems.push(`${field} must start with '/'; got ${JSON.stringify(pattern)}`);
    }
    if (pattern.length > AwsRules.MAX_PATH_PATTERN_LENGTH) {
      problems.push(`${field} holds at most ${AwsRules.MAX_PATH_PATTERN_LENGTH} characters; got ${pattern.length}`);
    }
    if (!PATH_PATTERN_CHARACTERS.test(pattern)) {
      problems.push(`${field} may hold only letters, digits, _ - . $ / ~ " ' @ : + & and the wildcards * and ?; got ${JSON.stringify(pattern)}`);
    }
    return problems;
  }

  /**
   * A listener rule's host header: up to 128 letters, digits, hyphens, dots and wildcards.
   *
   * @param field the field's name in messages
   * @param host the value
   */
  public static hostHeaderProblems(field: string, host: string): string[] {
    return HOST_HEADER.test(host) && host.length <= AwsRules.MAX_HOST_HEADER_LENGTH ? []
      : [`${field} must be a host name of at most ${AwsRules.MAX_HOST_HEADER_LENGTH} letters, digits, hyphens, dots and wildcards (* ?); `
        + `got ${JSON.stringify(host)}`];
  }

  /**
   * The wildcards of a listener rule's conditions together: at most 5.
   *
   * @param values the condition values (path pattern, host header)
   */
  public static wildcardsOf(values: string[]): number {
    return values.reduce((n, v) => n + (v.match(/[*?]/g)?.length ?? 0), 0);
  }

  /**
   * Parse an IPv4 CIDR block `a.b.c.d/n`; undefined when malformed or when host bits are set.
   *
   * @param cidr the block
   */
  public static parseCidr(cidr: string): Cidr | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!match) {
      return undefined;
    }
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix > 32) {
      return undefined;
    }
    const address = octets.reduce((a, o) => a * 256 + o, 0);
    // Host bits set: the address is not the first of its block.
    if (address % 2 ** (32 - prefix) !== 0) {
      return undefined;
    }
    return { network: address, prefix };
  }

  /**
   * True when two CIDR blocks share at least one address.
   *
   * @param a one block
   * @param b the other
   */
  public static cidrsOverlap(a: Cidr, b: Cidr): boolean {
    // The same network at the shorter of the two prefixes.
    const block = 2 ** (32 - Math.min(a.prefix, b.prefix));
    return Math.floor(a.network / block) === Math.floor(b.network / block);
  }

  /**
   * Parse `arn:{partition}:secretsmanager:{region}:{account}:secret:{name}-{6 characters}[:json-key[:version-stage[:version-id]]]`;
   * undefined when the ARN is malformed or partial (a partial ARN would need a wildcard in IAM).
   *
   * @param value the reference
   */
  public static parseSecretReference(value: string): SecretReference | undefined {
    const parts = value.split(':');
    if (parts.length < 7 || parts.length > 10) {
      return undefined;
    }
    const [arn, partition, service, region, account, resource, fullName] = parts;
    const name = /^([A-Za-z0-9/_+=.@-]+)-[A-Za-z0-9]{6}$/.exec(fullName);
    if (arn !== 'arn' || !/^aws(-[a-z]+)*$/.test(partition) || service !== 'secretsmanager' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)
      || !/^\d{12}$/.test(account) || resource !== 'secret' || !name) {
      return undefined;
    }
    const [jsonKey, versionStage, versionId] = parts.slice(7).map((p) => (p === '' ? undefined : p));
    if (versionStage !== undefined && versionId !== undefined) {
      return undefined;
    }
    return { secretArn: parts.slice(0, 7).join(':'), partition, region, account, secretName: name[1], jsonKey, versionStage, versionId };
  }

  /**
   * A DNS label: lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen.
   *
   * @param value the label
   * @param minLength fewest characters
   * @param maxLength most characters
   */
  public static isDnsLabel(value: string, minLength: number, maxLength: number): boolean {
    return value.length >= minLength && value.length <= maxLength && /^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(value) && !value.includes('--');
  }

  /**
   * Kafka bootstrap brokers: `host:port` each, on the port the brokers' security group opens,
   * together small enough for one standard SSM parameter (the list is published as one).
   *
   * @param field the field's name in messages
   * @param brokers the brokers
   * @param port the TLS port the platform opens to them
   */
  public static kafkaBrokerProblems(field: string, brokers: string[], port: number): string[] {
    const problems: string[] = [];
    if (brokers.length === 0) {
      problems.push(`${field} must list at least one broker (host:port); got none`);
    }
    for (const broker of brokers) {
      const match = /^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/.exec(broker);
      if (!match) {
        problems.push(`${field} entries must be host:port; got ${JSON.stringify(broker)}`);
      } else if (Number(match[3]) !== port) {
        problems.push(`${field} entry '${broker}' is on port ${match[3]}, but the security group rules open only kafka.port ${port}: `
          + `use port ${port} or set kafka.port to ${match[3]}`);
      }
    }
    const joined = brokers.join(',').length;
    if (joined > AwsRules.MAX_PARAMETER_VALUE_LENGTH) {
      problems.push(`${field} joined with commas holds ${joined} characters; it is published as one standard SSM parameter, `
        + `which holds at most ${AwsRules.MAX_PARAMETER_VALUE_LENGTH}: list fewer bootstrap brokers (three are enough)`);
    }
    return problems;
  }

  private constructor() {}
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
