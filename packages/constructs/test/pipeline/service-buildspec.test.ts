import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ServiceRuntime } from '@fargate-platform/service-model';
import * as YAML from 'yaml';
import { EnvironmentProfile, ServiceBuildspec } from '../../src';
import { PlatformError } from '../../src/errors';

const RUNTIMES = [ServiceRuntime.NODEJS, ServiceRuntime.PYTHON];

/** The commands of every phase as one script, as CodeBuild runs them (buildspec 0.2: one shell, in order). */
function script(buildspec: ServiceBuildspec, environment: string): string {
  const variables = buildspec.toObject().env?.variables ?? {};
  return [
    '#!/usr/bin/env bash',
    'set -e',
    `ENVIRONMENT=${JSON.stringify(environment)}`,
    ...Object.entries(variables).map(([name, value]) => `${name}=${JSON.stringify(value)}`),
    ...buildspec.phaseNames.flatMap((phase) => [`# ${phase}`, ...buildspec.commands(phase)]),
    '',
  ].join('\n');
}

/** Run commands in bash with only these variables (and PATH) set, and an `aws` stand-in; what they print. */
function runBash(commands: string[], variables: { [name: string]: string }, cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'buildspec-'))): string {
  // The stand-in prints the parameter's value for get-parameter (from $CURRENT) and each other call, so the test sees what was written.
  const aws = 'aws() { if [ "$2" = "get-parameter" ]; then printf "%s\\n" "$CURRENT"; else echo "aws $*"; fi; }';
  return execFileSync('bash', ['--noprofile', '--norc', '-c', [aws, ...commands].join('\n')], {
    cwd,
    env: { PATH: process.env.PATH, ...variables },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

const COMMIT_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** `bash -n` on the script: a syntax error throws with bash's message. */
function bashSyntaxCheck(content: string): void {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'buildspec-')), 'phases.sh');
  fs.writeFileSync(file, content);
  execFileSync('bash', ['--noprofile', '--norc', '-n', file], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('ServiceBuildspec.forRuntime', () => {
  test('the bash syntax check rejects a broken script (so the checks below mean something)', () => {
    expect(() => bashSyntaxCheck('set -e\nif [ -f x ]; then echo unterminated\n')).toThrow(/syntax error/);
  });

  describe.each(RUNTIMES)('%s', (runtime) => {
    const buildspec = ServiceBuildspec.forRuntime(runtime);

    test('is valid YAML that reads back as the same buildspec', () => {
      const yaml = YAML.stringify(buildspec.toObject());

      expect(YAML.parse(yaml)).toEqual(buildspec.toObject());
      expect(YAML.parse(yaml).version).toBe('0.2');
    });

    test.each(EnvironmentProfile.STANDARD.map((p) => p.name))('every phase is valid bash in %s', (environment) => {
      expect(() => bashSyntaxCheck(script(buildspec, environment))).not.toThrow();
    });

    test('runs in bash, installs Trivy in install and exports the image tag', () => {
      const spec = buildspec.toObject();

      expect(spec.env.shell).toBe('bash');
      expect(spec.env['exported-variables']).toEqual(['IMAGE_TAG', 'IMAGE_URI']);
      expect(buildspec.phaseNames).toEqual(['install', 'pre_build', 'build', 'post_build']);
      expect(buildspec.commands('install').join('\n')).toMatch(/trivy_\$\{TRIVY_VERSION\}_Linux-64bit\.tar\.gz/);
    });

    test('refuses a Trivy download whose checksum does not match the pin', () => {
      const install = buildspec.commands('install');
      const download = install.findIndex((c) => c.startsWith('curl '));
      const check = install.findIndex((c) => c.includes('sha256sum --check --strict'));
      const extract = install.findIndex((c) => c.startsWith('tar '));

      expect(download).toBeLessThan(check);
      expect(check).toBeLessThan(extract);
      expect(buildspec.toObject().env.variables).toEqual(expect.objectContaining({
        TRIVY_VERSION: ServiceBuildspec.TRIVY_VERSION,
        TRIVY_SHA256: ServiceBuildspec.TRIVY_SHA256,
      }));
    });

    test('fails the build on HIGH and CRITICAL findings, before anything is pushed', () => {
      expect(buildspec.commands('build')).toContain(
        'trivy image --exit-code 1 --severity HIGH,CRITICAL --no-progress "$CONTAINER_NAME:$IMAGE_TAG"');
      expect(buildspec.commands('build').join('\n')).not.toMatch(/docker push/);
      expect(buildspec.toObject().phases.build['on-failure']).toBe('ABORT');
      expect(buildspec.commands('post_build')[0]).toMatch(/CODEBUILD_BUILD_SUCCEEDING.*exit 1/);
    });

    test('tags and pushes the commit SHA and {environment}-{sha} in post_build, and no moving tag such as latest', () => {
      const postBuild = buildspec.commands('post_build');

      for (const tag of ['$IMAGE_TAG', '$ENVIRONMENT_TAG']) {
        expect(postBuild).toContain(`docker tag "$CONTAINER_NAME:$IMAGE_TAG" "$ECR_REPOSITORY_URL:${tag}"`);
      }
      expect(postBuild.filter((c) => c.startsWith('docker tag '))).toHaveLength(2);
      expect(postBuild).toContain('push_once "$IMAGE_TAG"');
      expect(postBuild).toContain('push_once "$ENVIRONMENT_TAG"');
      // every tag is immutable in the repository: latest is neither tagged nor pushed, anywhere in the build
      expect(JSON.stringify(buildspec.toObject())).not.toMatch(/latest/);
      expect(buildspec.commands('pre_build')).toContain('ENVIRONMENT_TAG="$ENVIRONMENT-$IMAGE_TAG"');
    });

    test('requires the image tag to be the 40-character commit SHA', () => {
      expect(buildspec.commands('pre_build').join('\n')).toMatch(/\^\[0-9a-f\]\{40\}\$/);
    });

    test('writes no artifact: it exports the pushed image by digest, read from the registry after the push', () => {
      expect(buildspec.toObject().artifacts).toBeUndefined();
      expect(JSON.stringify(buildspec.toObject())).not.toMatch(/imagedefinitions/);
      const postBuild = buildspec.commands('post_build');
      const digest = `sha256:${'ab'.repeat(32)}`;
      const url = '444444444444.dkr.ecr.us-east-1.amazonaws.com/prod/orders';
      // the registry stand-in answers describe-images with the digest; the push helpers are not run here
      const run = (answer: string) => runBash([
        `aws() { printf "%s\\n" "${answer}"; }`,
        ...postBuild.slice(postBuild.findIndex((c) => c.startsWith('IMAGE_DIGEST='))),
        'printf "URI=%s" "$IMAGE_URI"',
      ], { ECR_REPOSITORY_URL: url, ECR_REPOSITORY_NAME: 'prod/orders', IMAGE_TAG: COMMIT_SHA });
      expect(run(digest)).toContain(`URI=${url}@${digest}`);
      // a registry answer that is not a digest stops the build before anything is exported
      expect(() => run('None')).toThrow(/IMAGE_URI must name the image by digest/);
    });

    test('reuses the layers of the image the environment runs, none before the first one, and caches the vulnerability database', () => {
      const build = buildspec.commands('build');
      const cacheFrom = build.find((c) => c.includes('CACHE_FROM='))!;
      const docker = build.find((c) => c.startsWith('docker build'))!;

      expect(docker).toBe('docker build $CACHE_FROM --build-arg BUILDKIT_INLINE_CACHE=1 --tag "$CONTAINER_NAME:$IMAGE_TAG" .');
      expect(build.indexOf(cacheFrom)).toBeLessThan(build.indexOf(docker));
      // DEPLOYED_TAG is the image-tag parameter's value: bootstrap until the first image is recorded
      const url = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/develop/orders';
      const evaluate = (deployedTag: string) =>
        runBash([cacheFrom, 'printf %s "$CACHE_FROM"'], { DEPLOYED_TAG: deployedTag, ECR_REPOSITORY_URL: url });
      expect(evaluate(ServiceBuildspec.BOOTSTRAP_TAG)).toBe('');
      expect(evaluate(COMMIT_SHA)).toBe(`--cache-from ${url}:${COMMIT_SHA}`);
      expect(buildspec.toObject().cache).toEqual({ paths: ['/root/.cache/trivy/**/*'] });
    });

    test('does not write the image-tag parameter: that happens after the deployment', () => {
      expect(JSON.stringify(buildspec.toObject())).not.toMatch(/put-parameter/);
    });
  });

  test('Node.js runs npm ci and npm test on the standard image\'s Node.js 20, before the image is built', () => {
    const buildspec = ServiceBuildspec.forRuntime(ServiceRuntime.NODEJS);
    const build = buildspec.commands('build');

    expect(buildspec.toObject().phases.install['runtime-versions']).toEqual({ nodejs: '22' });
    expect(build.indexOf('npm test')).toBeGreaterThan(build.indexOf('npm ci'));
    expect(build.indexOf('npm test')).toBeLessThan(build.findIndex((c) => c.startsWith('docker build')));
  });

  test('Python installs its requirements and runs pytest on Python 3.12, before the image is built', () => {
    const buildspec = ServiceBuildspec.forRuntime(ServiceRuntime.PYTHON);
    const build = buildspec.commands('build');

    expect(buildspec.toObject().phases.install['runtime-versions']).toEqual({ python: '3.12' });
    expect(build).toContain('if [ -f requirements-dev.txt ]; then python -m pip install -r requirements-dev.txt; fi');
    expect(build.indexOf('python -m pytest')).toBeLessThan(build.findIndex((c) => c.startsWith('docker build')));
    expect(build.join('\n')).not.toMatch(/npm/);
  });

  test('takes another runtime version and Trivy release, with its checksum', () => {
    const sha = 'a'.repeat(64);
    const buildspec = ServiceBuildspec.forRuntime(ServiceRuntime.NODEJS, { runtimeVersion: '22', trivyVersion: '0.75.0', trivySha256: sha });

    expect(buildspec.toObject().phases.install['runtime-versions']).toEqual({ nodejs: '22' });
    expect(buildspec.toObject().env.variables).toEqual(expect.objectContaining({ TRIVY_VERSION: '0.75.0', TRIVY_SHA256: sha }));
  });

  test.each([
    [{ trivyVersion: '0.75.0' }, /trivyVersion and trivySha256 must be given together.*got trivyVersion '0\.75\.0' and trivySha256 ''/],
    [{ trivyVersion: 'latest', trivySha256: 'a'.repeat(64) }, /trivyVersion must be a release version such as 0\.74\.0; got 'latest'/],
    [{ trivyVersion: '0.75.0', trivySha256: 'ABC' }, /trivySha256 must be 64 lowercase hexadecimal characters; got 'ABC'/],
    [{ runtimeVersion: 'lts' }, /runtimeVersion must be a version such as 20 or 3\.12; got 'lts'/],
  ])('refuses options %j', (options, message) => {
    expect(() => ServiceBuildspec.forRuntime(ServiceRuntime.NODEJS, options)).toThrow(PlatformError);
    expect(() => ServiceBuildspec.forRuntime(ServiceRuntime.NODEJS, options)).toThrow(message);
  });

  test('refuses an unknown runtime, naming the allowed ones', () => {
    expect(() => ServiceBuildspec.forRuntime('java' as ServiceRuntime)).toThrow(/runtime must be one of nodejs, python; got 'java'/);
  });
});

describe('ServiceBuildspec.recordImageTag', () => {
  const buildspec = ServiceBuildspec.recordImageTag();
  const IMAGE_URI = `444444444444.dkr.ecr.us-east-1.amazonaws.com/prod/orders@sha256:${'cd'.repeat(32)}`;
  let workdir = '';
  const record = (mode: string, current: string, imageUri = IMAGE_URI) => {
    workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-'));
    return runBash(buildspec.commands('build'), {
      IMAGE_TAG: COMMIT_SHA,
      IMAGE_URI: imageUri,
      CONTAINER_NAME: 'orders',
      IMAGE_TAG_PARAMETER: '/fargate-platform/prod/services/orders/image-tag',
      RECORD_MODE: mode,
      CURRENT: current,
    }, workdir);
  };
  const written = () => fs.readFileSync(path.join(workdir, 'imagedefinitions.json'), 'utf-8');
  const PUT = `aws ssm put-parameter --name /fargate-platform/prod/services/orders/image-tag --value ${COMMIT_SHA} --type String --overwrite`;

  test('overwrites the image-tag parameter with the deployed commit SHA', () => {
    expect(buildspec.commands('build')).toContain(
      'aws ssm put-parameter --name "$IMAGE_TAG_PARAMETER" --value "$IMAGE_TAG" --type String --overwrite');
    expect(buildspec.commands('build')[0]).toMatch(/\^\[0-9a-f\]\{40\}\$.*exit 1/);
    expect(buildspec.runtime).toBeUndefined();
  });

  test('after a deployment (RECORD_MODE=deployed), always writes the deployed tag', () => {
    expect(record('deployed', 'bootstrap')).toContain(PUT);
    expect(record('deployed', '0123456789abcdef0123456789abcdef01234567')).toContain(PUT);
  });

  test('before the first deployment (RECORD_MODE=first), writes the first image only while the parameter holds bootstrap', () => {
    expect(record('first', ServiceBuildspec.BOOTSTRAP_TAG)).toContain(PUT);
    // once an image was deployed, the step before a deployment keeps it: the runtime stack must not change image
    const kept = record('first', '0123456789abcdef0123456789abcdef01234567');
    expect(kept).not.toContain('put-parameter');
    expect(kept).toContain('holds 0123456789abcdef0123456789abcdef01234567: a deployed image, kept');
  });

  test('writes the deploy action\'s image definitions from the execution\'s digest variable, in both modes, and nothing without a digest', () => {
    const definitions = `[{"name":"orders","imageUri":"${IMAGE_URI}"}]`;
    record('first', ServiceBuildspec.BOOTSTRAP_TAG);
    expect(written()).toBe(definitions);
    record('first', '0123456789abcdef0123456789abcdef01234567');
    expect(written()).toBe(definitions);
    expect(buildspec.toObject().artifacts).toEqual({ files: ['imagedefinitions.json'] });
    // a tag instead of a digest is refused: what deploys must be the image the build produced
    expect(() => record('first', 'bootstrap', '444444444444.dkr.ecr.us-east-1.amazonaws.com/prod/orders:latest'))
      .toThrow(/IMAGE_URI must name the image by digest/);
  });

  test('is valid YAML and valid bash', () => {
    expect(YAML.parse(YAML.stringify(buildspec.toObject()))).toEqual(buildspec.toObject());
    expect(() => bashSyntaxCheck(script(buildspec, 'prod'))).not.toThrow();
  });
});
