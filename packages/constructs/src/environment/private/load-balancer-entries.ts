/**
 * Contract entries of the environment's load balancers. The first keeps the names it always
 * had (`https-listener-arn`, `load-balancer-dns-name`); load balancer n > 0, which exists when
 * the fleet outgrows one, adds `-n` (`https-listener-arn-1`).
 */
export function httpsListenerEntry(loadBalancer: number): string {
  return loadBalancer === 0 ? 'https-listener-arn' : `https-listener-arn-${loadBalancer}`;
}

/** The entry of a load balancer's DNS name (see `httpsListenerEntry`). */
export function loadBalancerDnsNameEntry(loadBalancer: number): string {
  return loadBalancer === 0 ? 'load-balancer-dns-name' : `load-balancer-dns-name-${loadBalancer}`;
}
