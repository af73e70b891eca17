/**
 * Container health check: `node dist/tools/healthcheck.js http://127.0.0.1:3002/ready` exits 0 when the URL
 * answers 2xx within two seconds, 1 otherwise. The runtime image has Node but neither curl nor wget.
 */
async function check(url: string): Promise<void> {
  if (!/^https?:\/\//.test(url)) {
    throw new Error(`Usage: healthcheck.js <url>, e.g. http://127.0.0.1:3002/ready (got "${url}")`);
  }
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  }
}

check(process.argv[2] ?? '').then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
