import { isIPv4, isIPv6 } from 'node:net';

/**
 * Mask an IP address for storage and display: IPv4 keeps the first three octets
 * (`203.0.113.*`), IPv6 the first three groups (`2001:db8:85a3:*`). Personal data minimisation
 * (PIPL art. 6). Anything else yields null.
 */
export function maskIp(ip: string | undefined | null): string | null {
  if (!ip) return null;
  const plain = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(plain)) return `${plain.split('.').slice(0, 3).join('.')}.*`;
  if (isIPv6(plain)) {
    const groups = plain.split(':').filter((g, i, all) => g !== '' || i === 0 || i === all.length - 1);
    return `${groups.slice(0, 3).join(':')}:*`;
  }
  return null;
}
