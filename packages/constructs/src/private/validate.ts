/** Small, pure checks shared by the constructs' synth-time validation. */

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  readonly network: number;
  readonly prefix: number;
}

/** Parse `a.b.c.d/n`; undefined when malformed or when host bits are set. */
export function parseCidr(cidr: string): Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) {
    return undefined;
  }
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((address & mask) >>> 0 !== address) {
    return undefined;
  }
  return { network: address, prefix };
}

/** True when two CIDR blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return ((a.network & mask) >>> 0) === ((b.network & mask) >>> 0);
}

/** ACM certificate ARN: `arn:<partition>:acm:<region>:<account>:certificate/<uuid>`. */
export const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** CodeConnections (or legacy CodeStar Connections) connection ARN. */
export const CONNECTION_ARN = /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z]{2}(-[a-z]+)+-\d:\d{12}:connection\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Secrets Manager secret ARN, optionally with the JSON key / version suffix ECS accepts. */
export const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;

/** Security group id. */
export const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** A DNS label: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
export function isDnsLabel(value: string, minLength: number, maxLength: number): boolean {
  return value.length >= minLength && value.length <= maxLength && /^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(value);
}
