/** Whether a service is reached through the environment's load balancer or only from inside the environment. */
export enum ServiceExposure {
  /** Behind the environment's HTTPS load balancer, on a path (and optionally host) rule. */
  PUBLIC = 'public',
  /** Reached through Cloud Map (`{service}.{environment}.internal`) and Kafka; no load balancer. */
  INTERNAL = 'internal',
}
