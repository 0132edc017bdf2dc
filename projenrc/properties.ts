import * as fs from 'fs';
import * as path from 'path';
import { Component, Project, TextFile } from 'projen';

/** One of the design's numbered correctness properties. */
export interface DesignProperty {
  readonly number: number;
  readonly title: string;
  /** The issue that delivers its property test. */
  readonly issue: number;
}

/** The 56 correctness properties of the design (seeds/000), each owed one fast-check test. */
export const DESIGN_PROPERTIES: DesignProperty[] = [
  { number: 1, title: 'Module resource creation completeness', issue: 4 },
  { number: 2, title: 'Runtime configuration support', issue: 4 },
  { number: 3, title: 'Conditional ALB resource creation', issue: 4 },
  { number: 4, title: 'Module outputs presence', issue: 4 },
  { number: 5, title: 'KMS encryption at rest', issue: 3 },
  { number: 6, title: 'TLS encryption in transit', issue: 3 },
  { number: 7, title: 'ECR vulnerability scanning', issue: 4 },
  { number: 8, title: 'VPC network segmentation', issue: 3 },
  { number: 9, title: 'CloudWatch log retention', issue: 3 },
  { number: 10, title: 'Security group least privilege', issue: 3 },
  { number: 11, title: 'Container insights enabled', issue: 3 },
  { number: 12, title: 'CodeConnections authentication', issue: 5 },
  { number: 13, title: 'CodeBuild integration', issue: 5 },
  { number: 14, title: 'Multi-tag image pushing', issue: 5 },
  { number: 15, title: 'Pipeline per service', issue: 5 },
  { number: 16, title: 'Zero-downtime deployment configuration', issue: 5 },
  { number: 17, title: 'ECR repository per service', issue: 4 },
  { number: 18, title: 'ECR tag immutability', issue: 4 },
  { number: 19, title: 'ECR lifecycle policy', issue: 4 },
  { number: 20, title: 'ECR access restrictions', issue: 4 },
  { number: 21, title: 'ECS service per microservice', issue: 4 },
  { number: 22, title: 'Task resource limits', issue: 4 },
  { number: 23, title: 'Auto-scaling policy presence', issue: 4 },
  { number: 24, title: 'Desired count configuration', issue: 4 },
  { number: 25, title: 'Rolling update configuration', issue: 4 },
  { number: 26, title: 'Secrets injection', issue: 4 },
  { number: 27, title: 'Private subnet placement', issue: 4 },
  { number: 28, title: 'awsvpc network mode', issue: 4 },
  { number: 29, title: 'Service-specific log groups', issue: 4 },
  { number: 30, title: 'CloudWatch alarms creation', issue: 4 },
  { number: 31, title: 'ALB access logging', issue: 3 },
  { number: 32, title: 'Pipeline notifications', issue: 5 },
  { number: 33, title: 'Health check configuration', issue: 4 },
  { number: 34, title: 'Multi-AZ deployment', issue: 3 },
  { number: 35, title: 'Comprehensive security group rules', issue: 4 },
  { number: 36, title: 'VPC Flow Logs enabled', issue: 3 },
  { number: 37, title: 'Target group attachment for public services', issue: 4 },
  { number: 38, title: 'Target group health checks', issue: 4 },
  { number: 39, title: 'Path-based routing', issue: 4 },
  { number: 40, title: 'TLS termination', issue: 3 },
  { number: 41, title: 'Deregistration delay', issue: 4 },
  { number: 42, title: 'No ALB for internal services', issue: 4 },
  { number: 43, title: 'Task role secret access', issue: 4 },
  { number: 44, title: 'Secrets in task definition', issue: 4 },
  { number: 45, title: 'Secret rotation configuration', issue: 4 },
  { number: 46, title: 'Environment-specific configuration', issue: 4 },
  { number: 47, title: 'Cluster per environment', issue: 3 },
  { number: 48, title: 'Environment-tagged images', issue: 5 },
  { number: 49, title: 'Production VPC isolation', issue: 3 },
  { number: 50, title: 'Environment-based IAM restrictions', issue: 3 },
  { number: 51, title: 'Mandatory environment tags', issue: 3 },
  { number: 52, title: 'CloudTrail encryption', issue: 3 },
  { number: 53, title: 'CloudTrail S3 bucket security', issue: 3 },
  { number: 54, title: 'MFA enforcement for production', issue: 3 },
  { number: 55, title: 'Mandatory compliance tags', issue: 3 },
  { number: 56, title: 'AWS Config enabled', issue: 3 },
];

/** A `// Property N: title` tag in a test file. */
export interface PropertyTag {
  readonly number: number;
  readonly file: string;
}

const TAG = /^\s*\/\/\s*Property (\d+):/gm;

/** Every `// Property N:` tag in the test files under `dirs` (relative to `root`). */
export function findPropertyTags(root: string, dirs: string[]): PropertyTag[] {
  const tags: PropertyTag[] = [];
  const visit = (dir: string): void => {
    if (!fs.existsSync(dir)) {
      return;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') {
        visit(full);
      } else if (entry.isFile() && entry.name.endsWith('.test.ts')) {
        for (const match of fs.readFileSync(full, 'utf-8').matchAll(TAG)) {
          tags.push({ number: Number(match[1]), file: path.relative(root, full) });
        }
      }
    }
  };
  dirs.forEach((d) => visit(path.join(root, d)));
  return tags.sort((a, b) => a.number - b.number || a.file.localeCompare(b.file));
}

/** Options of the properties table. */
export interface PropertiesDocOptions {
  /** Folders (relative to the project) whose `*.test.ts` files carry property tags. */
  readonly testDirs: string[];
}

/**
 * `docs/PROPERTIES.md`: each design property with the test that proves it, generated from
 * the tags in the tests, so the table cannot claim a test that does not exist. A property
 * tagged in two tests, or a tag naming no design property, fails the synth.
 */
export class PropertiesDoc extends Component {
  constructor(project: Project, options: PropertiesDocOptions) {
    super(project);
    const tags = findPropertyTags(project.outdir, options.testDirs);
    const problems: string[] = [];
    for (const tag of tags) {
      if (!DESIGN_PROPERTIES.some((p) => p.number === tag.number)) {
        problems.push(`${tag.file} tags Property ${tag.number}, which the design does not have (1-${DESIGN_PROPERTIES.length})`);
      }
    }
    const lines = [
      '# Correctness properties',
      '',
      '<!-- Generated by projen (projenrc/properties.ts) from the `// Property N:` tags in the tests. Do not edit. -->',
      '',
      'Each of the design\'s 56 properties is one fast-check property test, run over at least 100',
      'generated configurations (`test/setup-fast-check.ts` sets the floor for every suite).',
      '',
      '| # | property | test | status |',
      '|---:|---|---|---|',
    ];
    for (const property of DESIGN_PROPERTIES) {
      const files = tags.filter((t) => t.number === property.number).map((t) => t.file);
      if (files.length > 1) {
        problems.push(`Property ${property.number} is tagged in ${files.length} tests (${files.join(', ')}); the design wants exactly one`);
      }
      const test = files.length ? files.map((f) => `\`${f}\``).join(', ') : '';
      const status = files.length ? 'tested' : `planned (issue #${property.issue})`;
      lines.push(`| ${property.number} | ${property.title} | ${test} | ${status} |`);
    }
    const tested = DESIGN_PROPERTIES.filter((p) => tags.some((t) => t.number === p.number)).length;
    lines.push('', `${tested} of ${DESIGN_PROPERTIES.length} properties have their test.`);
    if (problems.length > 0) {
      throw new Error(`docs/PROPERTIES.md cannot be generated:\n  - ${problems.join('\n  - ')}`);
    }
    new TextFile(project, 'docs/PROPERTIES.md', { lines, marker: false, readonly: true });
  }
}
