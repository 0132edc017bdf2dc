import { QuotaUse } from '../limits';

/** A count with thousands separators, the same on every machine. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `n thing` or `n things`. */
export function plural(n: number, thing: string, things = `${thing}s`): string {
  return `${count(n)} ${n === 1 ? thing : things}`;
}

/** The share of its quota a use takes, in whole per cent (rounded up: 0.1 % shows as 1 %). */
export function percentOf(q: QuotaUse): number {
  return q.used === 0 ? 0 : Math.ceil((q.used / q.max) * 100);
}

/** `24 of 500 (5 %), 376 left to the fleet's 400` */
export function headroom(q: QuotaUse): string {
  return `${count(q.used)} of ${count(q.max)} (${percentOf(q)} %), ${count(q.limit - q.used)} left to the fleet's ${count(q.limit)}`;
}

/** The tightest quota of several: the one closest to the fleet's limit. */
export function tightest(quotas: QuotaUse[]): QuotaUse | undefined {
  return [...quotas].sort((a, b) => b.used / b.limit - a.used / a.limit)[0];
}

/** A short commit id. */
export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : 'unknown';
}
