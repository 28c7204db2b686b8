/**
 * Where the browser tests find Chromium (Debian's package), without loading playwright: the gate reads this.
 * ONEKOSMOS_CHROMIUM points elsewhere where a distribution has no Debian chromium (the GitHub runner's Chrome).
 */
export const CHROMIUM_PATH =
  process.env.ONEKOSMOS_CHROMIUM || "/usr/bin/chromium";

export function missingChromiumMessage(chromiumPath = CHROMIUM_PATH): string {
  return `no browser at ${chromiumPath}: install Debian chromium: apt-get install chromium (the browser tests never download a browser)`;
}
