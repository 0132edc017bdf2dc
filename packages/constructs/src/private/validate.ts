/** Patterns of the environment's inputs that only the constructs take (the service model owns the rest). */

/** ACM certificate ARN: `arn:<partition>:acm:<region>:<account>:certificate/<uuid>`. */
export const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** CodeConnections (or legacy CodeStar Connections) connection ARN. */
export const CONNECTION_ARN = /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z]{2}(-[a-z]+)+-\d:\d{12}:connection\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Security group id. */
export const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
/** An EC2 managed prefix list id. */
export const PREFIX_LIST_ID = /^pl-[0-9a-f]{8}([0-9a-f]{9})?$/;
