import { ServiceRuntime } from '@fargate-platform/service-model';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { PlatformError } from '../errors';
import { buildspecOptionProblems } from './private/validation';

/** The image-tag parameter's value before the first image is recorded. */
const BOOTSTRAP_TAG = 'bootstrap';

/** Options of a service's build: the test runtime and the pinned vulnerability scanner. */
export interface ServiceBuildspecOptions {
  /**
   * Version of the language runtime the unit tests run on, as CodeBuild's `runtime-versions`
   * names it on the standard 7.0 image (e.g. `20` for Node.js, `3.12` for Python).
   * @default - '22' for Node.js (the major version of the service's image), '3.12' for Python
   */
  readonly runtimeVersion?: string;
  /**
   * Trivy release that scans the image. Give `trivySha256` with it.
   * @default ServiceBuildspec.TRIVY_VERSION
   */
  readonly trivyVersion?: string;
  /**
   * SHA-256 of `trivy_<version>_Linux-64bit.tar.gz` of that release: the download is refused
   * when it does not match.
   * @default ServiceBuildspec.TRIVY_SHA256 (the checksum of the default version)
   */
  readonly trivySha256?: string;
}

/**
 * The buildspecs of a service pipeline, generated rather than read from the service's
 * repository, so that every service is scanned, tested and tagged the same way.
 *
 * `forRuntime` is the build: unit tests, `docker build` (its layer cache is the image the
 * environment runs), a Trivy scan that fails on HIGH and CRITICAL findings, then the push of
 * two immutable tags (the commit SHA and `{environment}-{sha}`; there is no moving tag such as
 * `latest`). It writes no file for later stages: it exports the commit SHA (`IMAGE_TAG`) and the
 * image by digest (`IMAGE_URI`, `{repository}@sha256:...`) as pipeline variables, which CodePipeline
 * keeps with the execution and nothing the build runs can change afterwards.
 *
 * `recordImageTag` runs after the approval, in a project that runs no code of the service: it
 * writes `imagedefinitions.json` for the ECS deploy action from those variables (so the image
 * deployed is the digest the approver saw), and writes the tag to the service's image-tag
 * parameter: after a successful deployment, and, before the first one, the first image built (so
 * that the runtime stack can be created with it).
 *
 * The commands read the project's environment variables: `ENVIRONMENT`,
 * `ECR_REPOSITORY_URL`, `ECR_REPOSITORY_NAME`, `CONTAINER_NAME`, `IMAGE_TAG` (the commit SHA),
 * `DEPLOYED_TAG` (the image-tag parameter's value), `IMAGE_URI`, `IMAGE_TAG_PARAMETER` and `RECORD_MODE`.
 *
 * @example
 * const buildspec = platform.ServiceBuildspec.forRuntime(model.ServiceRuntime.PYTHON);
 * const postBuild = buildspec.commands('post_build');
 */
export class ServiceBuildspec {
  /** The Trivy release scanned with by default. */
  public static readonly TRIVY_VERSION = '0.74.0';
  /** SHA-256 of `trivy_0.74.0_Linux-64bit.tar.gz`, cross-checked against independent pins of that release. */
  public static readonly TRIVY_SHA256 = '2ae6fe3ee734b7fdf11335663e18c75ea12dccc76062f09f164a3b0f8be4371a';
  /** Where Trivy keeps its vulnerability database; cached in S3 between builds. */
  public static readonly TRIVY_CACHE_DIR = '/root/.cache/trivy';
  /** The file the ECS deploy action reads. */
  public static readonly IMAGE_DEFINITIONS_FILE = 'imagedefinitions.json';
  /** The variable the build exports: the commit SHA the image was tagged with. */
  public static readonly IMAGE_TAG_VARIABLE = 'IMAGE_TAG';
  /** The variable the build exports: the image by digest, `{repository}@sha256:{digest}`, what the deploy action deploys. */
  public static readonly IMAGE_URI_VARIABLE = 'IMAGE_URI';
  /** The value of a service's image-tag parameter before its first image is recorded. */
  public static readonly BOOTSTRAP_TAG = BOOTSTRAP_TAG;

  /**
   * The build of a service of the given runtime.
   *
   * @param runtime the service's runtime: it selects the unit-test commands
   * @param options test runtime version and scanner pin
   */
  public static forRuntime(runtime: ServiceRuntime, options: ServiceBuildspecOptions = {}): ServiceBuildspec {
    const runtimes = Object.values(ServiceRuntime) as string[];
    PlatformError.throwAll(undefined, [
      ...(runtimes.includes(runtime) ? [] : [`runtime must be one of ${runtimes.join(', ')}; got '${runtime}'`]),
      ...buildspecOptionProblems(options),
    ]);
    const trivyVersion = options.trivyVersion ?? ServiceBuildspec.TRIVY_VERSION;
    const trivySha256 = options.trivySha256 ?? ServiceBuildspec.TRIVY_SHA256;
    const test = TESTS[runtime];
    return new ServiceBuildspec(runtime, {
      version: '0.2',
      env: {
        'shell': 'bash',
        'variables': { TRIVY_VERSION: trivyVersion, TRIVY_SHA256: trivySha256, TRIVY_CACHE_DIR: ServiceBuildspec.TRIVY_CACHE_DIR },
        'exported-variables': [ServiceBuildspec.IMAGE_TAG_VARIABLE, ServiceBuildspec.IMAGE_URI_VARIABLE],
      },
      phases: {
        install: {
          'runtime-versions': { [test.runtimeName]: options.runtimeVersion ?? test.defaultVersion },
          'on-failure': 'ABORT',
          'commands': INSTALL_TRIVY,
        },
        pre_build: { 'on-failure': 'ABORT', 'commands': PRE_BUILD },
        build: {
          'on-failure': 'ABORT',
          'commands': [
            'echo "Running unit tests"',
            ...test.commands,
            'echo "Building $CONTAINER_NAME:$IMAGE_TAG"',
            // The layer cache is the image the environment runs: BuildKit reads its inline cache metadata and fetches
            // only the layers it reuses. Before the first deployment there is none.
            `if [ "$DEPLOYED_TAG" = "${BOOTSTRAP_TAG}" ]; then CACHE_FROM=""; else CACHE_FROM="--cache-from $ECR_REPOSITORY_URL:$DEPLOYED_TAG"; fi`,
            'docker build $CACHE_FROM --build-arg BUILDKIT_INLINE_CACHE=1 --tag "$CONTAINER_NAME:$IMAGE_TAG" .',
            'echo "Scanning $CONTAINER_NAME:$IMAGE_TAG: HIGH and CRITICAL findings fail the build"',
            'trivy image --exit-code 1 --severity HIGH,CRITICAL --no-progress "$CONTAINER_NAME:$IMAGE_TAG"',
          ],
        },
        post_build: { commands: POST_BUILD },
      },
      cache: { paths: [`${ServiceBuildspec.TRIVY_CACHE_DIR}/**/*`] },
    });
  }

  /**
   * Write a commit SHA to the service's image-tag parameter (`IMAGE_TAG_PARAMETER`), which its
   * task definition reads, so that an infrastructure deploy keeps the deployed image and never
   * rolls out one nobody approved. `RECORD_MODE=deployed` (after a successful deployment) always
   * writes; `RECORD_MODE=first` (before the deployment) writes only while the parameter still
   * holds `bootstrap`: the first image becomes the one the runtime stack is created with.
   */
  public static recordImageTag(): ServiceBuildspec {
    return new ServiceBuildspec(undefined, {
      version: '0.2',
      env: { shell: 'bash' },
      phases: {
        build: {
          commands: [
            REQUIRE_COMMIT_SHA,
            REQUIRE_IMAGE_DIGEST,
            // The ECS deploy action's input, from the variables of the execution: not a file the build wrote.
            `printf '[{"name":"%s","imageUri":"%s"}]' "$CONTAINER_NAME" "$IMAGE_URI" > ${ServiceBuildspec.IMAGE_DEFINITIONS_FILE}`,
            'current=$(aws ssm get-parameter --name "$IMAGE_TAG_PARAMETER" --query Parameter.Value --output text)',
            `if [ "$RECORD_MODE" = "first" ] && [ "$current" != "${BOOTSTRAP_TAG}" ]; then echo "$IMAGE_TAG_PARAMETER holds $current: `
              + 'a deployed image, kept"; exit 0; fi',
            'aws ssm put-parameter --name "$IMAGE_TAG_PARAMETER" --value "$IMAGE_TAG" --type String --overwrite',
            'echo "$IMAGE_TAG_PARAMETER now holds $IMAGE_TAG"',
          ],
        },
      },
      // The output artifact of the action that runs before the deployment (the ECS deploy action's input).
      artifacts: { files: [ServiceBuildspec.IMAGE_DEFINITIONS_FILE] },
    });
  }

  /** The runtime whose tests the build runs (undefined for `recordImageTag`). */
  public readonly runtime?: ServiceRuntime;

  private readonly spec: { [key: string]: any };

  private constructor(runtime: ServiceRuntime | undefined, spec: { [key: string]: any }) {
    this.runtime = runtime;
    this.spec = spec;
  }

  /** The phases that have commands, in the order CodeBuild runs them. */
  public get phaseNames(): string[] {
    return PHASES.filter((phase) => this.spec.phases[phase] !== undefined);
  }

  /**
   * The shell commands of one phase.
   *
   * @param phase install, pre_build, build or post_build
   */
  public commands(phase: string): string[] {
    return [...(this.spec.phases[phase]?.commands ?? [])];
  }

  /** The buildspec as a plain object (buildspec version 0.2). */
  public toObject(): { [key: string]: any } {
    return JSON.parse(JSON.stringify(this.spec));
  }

  /** The buildspec for a CodeBuild project. */
  public toBuildSpec(): codebuild.BuildSpec {
    return codebuild.BuildSpec.fromObject(this.toObject());
  }
}

const PHASES = ['install', 'pre_build', 'build', 'post_build'];

/** Unit tests per runtime: run in the build container, on the source, before any image is built. */
const TESTS: { [runtime: string]: { runtimeName: string; defaultVersion: string; commands: string[] } } = {
  [ServiceRuntime.NODEJS]: {
    runtimeName: 'nodejs',
    defaultVersion: '22',
    commands: ['npm ci', 'npm test'],
  },
  [ServiceRuntime.PYTHON]: {
    runtimeName: 'python',
    defaultVersion: '3.12',
    commands: [
      'if [ -f requirements.txt ]; then python -m pip install -r requirements.txt; fi',
      'if [ -f requirements-dev.txt ]; then python -m pip install -r requirements-dev.txt; fi',
      'python -m pytest',
    ],
  },
};

/** Download the pinned Trivy release and refuse it unless its checksum matches. */
const INSTALL_TRIVY = [
  'curl --fail --silent --show-error --location --retry 3 --output /tmp/trivy.tar.gz '
    + '"https://github.com/aquasecurity/trivy/releases/download/v${TRIVY_VERSION}/trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz"',
  'echo "${TRIVY_SHA256}  /tmp/trivy.tar.gz" | sha256sum --check --strict',
  'tar --extract --gzip --file /tmp/trivy.tar.gz --directory /usr/local/bin trivy',
  'trivy --version',
];

const REQUIRE_COMMIT_SHA = 'if [[ ! "$IMAGE_TAG" =~ ^[0-9a-f]{40}$ ]]; then '
  + 'echo "IMAGE_TAG must be the 40-character commit SHA of the source; got \'$IMAGE_TAG\'" >&2; exit 1; fi';

const REQUIRE_IMAGE_DIGEST = 'if [[ ! "$IMAGE_URI" =~ @sha256:[0-9a-f]{64}$ ]]; then '
  + 'echo "IMAGE_URI must name the image by digest (repository@sha256:...); got \'$IMAGE_URI\'" >&2; exit 1; fi';

const PRE_BUILD = [
  // The pipeline passes the commit SHA; a build started outside the pipeline falls back to CodeBuild's.
  'IMAGE_TAG="${IMAGE_TAG:-$CODEBUILD_RESOLVED_SOURCE_VERSION}"',
  REQUIRE_COMMIT_SHA,
  'ENVIRONMENT_TAG="$ENVIRONMENT-$IMAGE_TAG"',
  'echo "Logging in to ${ECR_REPOSITORY_URL%%/*}"',
  'aws ecr get-login-password --region "$AWS_DEFAULT_REGION" | docker login --username AWS --password-stdin "${ECR_REPOSITORY_URL%%/*}"',
];

const POST_BUILD = [
  'if [ "$CODEBUILD_BUILD_SUCCEEDING" != "1" ]; then echo "the build failed: nothing is pushed" >&2; exit 1; fi',
  'docker tag "$CONTAINER_NAME:$IMAGE_TAG" "$ECR_REPOSITORY_URL:$IMAGE_TAG"',
  'docker tag "$CONTAINER_NAME:$IMAGE_TAG" "$ECR_REPOSITORY_URL:$ENVIRONMENT_TAG"',
  // Tags are immutable: a re-run of the same commit keeps the image that was pushed first.
  'push_once() { if aws ecr describe-images --repository-name "$ECR_REPOSITORY_NAME" --image-ids imageTag="$1" > /dev/null 2>&1; '
    + 'then echo "$ECR_REPOSITORY_URL:$1 exists already: kept"; else docker push "$ECR_REPOSITORY_URL:$1"; fi; }',
  'push_once "$IMAGE_TAG"',
  'push_once "$ENVIRONMENT_TAG"',
  // What deploys is this digest (an exported variable of the execution), whatever happens to tags or files later.
  'IMAGE_DIGEST=$(aws ecr describe-images --repository-name "$ECR_REPOSITORY_NAME" --image-ids imageTag="$IMAGE_TAG" '
    + '--query "imageDetails[0].imageDigest" --output text)',
  'IMAGE_URI="$ECR_REPOSITORY_URL@$IMAGE_DIGEST"',
  REQUIRE_IMAGE_DIGEST,
  'echo "Built $IMAGE_URI"',
];
