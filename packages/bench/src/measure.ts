import * as fs from 'fs';
import * as path from 'path';

/** What a side's cloud assemblies hold, and how close their busiest stack, load balancer and security group come to AWS's quotas. */
export interface AssemblyMeasure {
  readonly stacks: number;
  readonly resources: number;
  readonly templateBytes: number;
  /** The largest stack: resources, and template bytes. */
  readonly maxStackResources: number;
  readonly maxTemplateBytes: number;
  /** Listener rules on the busiest listener (quota: 100 per load balancer). */
  readonly maxRulesPerListener: number;
  /** Rules of the busiest security group, inbound or outbound (quota: 60 each). */
  readonly maxRulesPerSecurityGroup: number;
}

/** Every `*.template.json` under the folders (recursively: one folder per app). */
export function templateFiles(dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.template.json')) {
        found.push(full);
      }
    }
  };
  dirs.filter((d) => fs.existsSync(d)).forEach(walk);
  return found.sort();
}

/**
 * Count the templates' resources and bytes, and the rules per listener and per security group
 * across stacks: a rule names its listener or group by a reference that is the same string in
 * every stack of an app (an import of the same export, or a parameter with the same SSM name).
 */
export function measureAssemblies(dirs: string[]): AssemblyMeasure {
  let resources = 0;
  let templateBytes = 0;
  let maxStackResources = 0;
  let maxTemplateBytes = 0;
  const rulesPerListener = new Map<string, number>();
  const rulesPerGroup = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
  const files = templateFiles(dirs);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf-8');
    const template = JSON.parse(text);
    const entries = Object.entries<any>(template.Resources ?? {});
    resources += entries.length;
    templateBytes += Buffer.byteLength(text);
    maxStackResources = Math.max(maxStackResources, entries.length);
    maxTemplateBytes = Math.max(maxTemplateBytes, Buffer.byteLength(text));
    const key = (value: unknown): string => {
      const ref = (value as any)?.Ref;
      const parameter = typeof ref === 'string' ? template.Parameters?.[ref] : undefined;
      if (parameter?.Default !== undefined) {
        return `ssm:${parameter.Default}`;
      }
      return typeof ref === 'string' || (value as any)?.['Fn::GetAtt'] ? `${file}:${JSON.stringify(value)}` : JSON.stringify(value);
    };
    for (const [logicalId, r] of entries) {
      const p = r.Properties ?? {};
      if (r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule') {
        bump(rulesPerListener, key(p.ListenerArn));
      } else if (r.Type === 'AWS::EC2::SecurityGroupIngress') {
        bump(rulesPerGroup, `in ${key(p.GroupId)}`);
      } else if (r.Type === 'AWS::EC2::SecurityGroupEgress') {
        bump(rulesPerGroup, `out ${key(p.GroupId)}`);
      } else if (r.Type === 'AWS::EC2::SecurityGroup') {
        const self = `${file}:${JSON.stringify({ 'Fn::GetAtt': [logicalId, 'GroupId'] })}`;
        bump(rulesPerGroup, `in ${self}`, (p.SecurityGroupIngress ?? []).length);
        bump(rulesPerGroup, `out ${self}`, (p.SecurityGroupEgress ?? []).length);
      }
    }
  }
  const max = (map: Map<string, number>) => Math.max(0, ...map.values());
  return {
    stacks: files.length,
    resources,
    templateBytes,
    maxStackResources,
    maxTemplateBytes,
    maxRulesPerListener: max(rulesPerListener),
    maxRulesPerSecurityGroup: max(rulesPerGroup),
  };
}
