import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it). We never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless Chromium for the browser tests and the screenshot script. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get install chromium\`.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // No sandbox: CI runs as root in a container. No background networking: nothing leaves the machine.
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}
