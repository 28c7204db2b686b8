/** Where the browser tests find Chromium (Debian's package), without loading playwright: the gate reads this. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export function missingChromiumMessage(chromiumPath = CHROMIUM_PATH): string {
  return `no browser at ${chromiumPath}: install Debian chromium: apt-get install chromium (the browser tests never download a browser)`;
}
