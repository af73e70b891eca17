import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { urlNotAllowed } from './webhooks.errors';

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Resolves a host name to every address it has (the system resolver, or a stub in tests). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Whether a webhook may be sent to this address: only ordinary public unicast. Loopback, private (RFC 1918,
 * IPv6 unique-local), link-local (and so the 169.254.169.254 metadata service), CGNAT (100.64/10, where some
 * clouds put theirs), unspecified, broadcast, multicast, documentation and other reserved ranges are refused;
 * an IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) {
    return false;
  }
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** Where a delivery connects: a checked address, or null to let the system resolve (private URLs allowed). */
export interface Target {
  url: URL;
  address: ResolvedAddress | null;
}

/**
 * The SSRF rules of SPEC.md "Webhooks", applied when an endpoint is registered or changed and again before
 * every try: only http(s), no credentials in the URL, and every address the host resolves to must be public
 * (unless private addresses are allowed, for local runs and tests). The try then connects to the address
 * checked here, so a DNS answer that changes between check and connect cannot point it elsewhere.
 */
export class UrlPolicy {
  constructor(
    private readonly allowPrivate: boolean,
    private readonly resolve: Resolver = systemResolver,
    /** The address rule; replaceable only so that a test can let loopback stand in for a public address. */
    private readonly isAllowed: (address: string) => boolean = isPublicAddress,
  ) {}

  /** The URL parsed and its address checked; throws WEBHOOK.URL_NOT_ALLOWED. */
  async check(text: string): Promise<Target> {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw urlNotAllowed('it is not an absolute URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw urlNotAllowed('only http and https URLs are allowed');
    }
    if (url.username || url.password) {
      // They would show in every listing of the endpoint; the signature is what authenticates a delivery.
      throw urlNotAllowed('credentials in the URL are not allowed');
    }
    if (this.allowPrivate) {
      return { url, address: null };
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const family = isIP(host);
    const addresses = family ? [{ address: host, family }] : await this.resolveOrRefuse(host);
    const refused = addresses.find(({ address }) => !this.isAllowed(address));
    if (refused) {
      throw urlNotAllowed(`${host} is or resolves to a non-public address (${refused.address})`);
    }
    return { url, address: addresses[0] };
  }

  private async resolveOrRefuse(host: string): Promise<ResolvedAddress[]> {
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.resolve(host);
    } catch {
      throw urlNotAllowed(`${host} does not resolve`);
    }
    if (addresses.length === 0) {
      throw urlNotAllowed(`${host} does not resolve`);
    }
    return addresses;
  }
}
