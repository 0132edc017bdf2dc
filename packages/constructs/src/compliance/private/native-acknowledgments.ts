import { IConstruct } from 'constructs';
import type { Acknowledgment } from '../acknowledgments';

/** CDK's own acknowledgment metadata, written by `Validations.of(scope).acknowledge(...)`. */
export const CDK_ACKNOWLEDGMENTS_METADATA_KEY = 'aws:cdk:acknowledged-rules';

/** Acknowledgments recorded by CDK's `Validations.of(scope).acknowledge(...)` on one construct. */
export function nativeAcknowledgments(scope: IConstruct): Acknowledgment[] {
  return scope.node.metadata
    .filter((m) => m.type === CDK_ACKNOWLEDGMENTS_METADATA_KEY && m.data)
    .flatMap((m) => Object.entries(m.data as Record<string, string>))
    // aws-cdk-lib < 2.262.1 writes 'annotation::', later versions 'Annotation::'.
    .map(([id, reason]) => ({ ruleId: id.replace(/^annotation::/i, ''), reason }));
}
