/**
 * The local page of the harness, on 127.0.0.1 only: `/` shows every scenario side by side (npm run preview),
 * `/scenario?scenario=<id>` one of them (what the browser tests open), `/harness.js` the bundle, `/slds/*` the SLDS
 * assets from @salesforce-ux/design-system. Nothing is written to disk.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { buildHarness } from "./build";
import { SCENARIOS } from "./harness/scenarios";

const SLDS_ASSETS = path.join(
  path.dirname(require.resolve("@salesforce-ux/design-system/package.json")),
  "assets"
);
const SLDS_STYLESHEET =
  "/slds/styles/salesforce-lightning-design-system.min.css";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png"
};

export interface PreviewServer {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function page(title: string, body: string, script = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${SLDS_STYLESHEET}">
<style>
/* This SLDS release only sets variables for the card's inner body spacing; Lightning pads it by 1rem. */
.slds-card__body_inner { padding-left: 1rem; padding-right: 1rem; }
</style>
</head>
<body class="slds-scope">
${body}
${script}
</body>
</html>
`;
}

function indexPage(): string {
  const figures = SCENARIOS.map(
    (s) => `<figure class="slds-m-bottom_large">
<figcaption class="slds-text-title_caps slds-m-bottom_x-small">${escapeHtml(s.title)} —
<a href="/scenario?scenario=${encodeURIComponent(s.id)}">${escapeHtml(s.id)}</a></figcaption>
<iframe src="/scenario?scenario=${encodeURIComponent(s.id)}" title="${escapeHtml(s.title)}"
 style="width:100%;height:260px;border:1px solid #c9c9c9;border-radius:4px;background:#f3f3f3"></iframe>
</figure>`
  ).join("\n");
  return page(
    "1Kosmos components: preview",
    `<main class="slds-p-around_large">
<h1 class="slds-text-heading_large slds-m-bottom_small">1Kosmos components: every state</h1>
<p class="slds-m-bottom_large">Apex, empApi and popups are test doubles; the components are the project's own build.</p>
${figures}
</main>`
  );
}

function scenarioPage(): string {
  return page(
    "1Kosmos component scenario",
    `<div id="root" class="slds-p-around_medium" style="background:#f3f3f3;min-height:100vh"></div>`,
    `<script src="/harness.js"></script>`
  );
}

function sendFile(response: http.ServerResponse, file: string): void {
  const type = CONTENT_TYPES[path.extname(file)];
  if (!type || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    response.writeHead(404).end("not found");
    return;
  }
  response.writeHead(200, { "content-type": type });
  fs.createReadStream(file).pipe(response);
}

/** Builds the bundle, then serves it; port 0 picks a free port. */
export async function startPreviewServer(
  root: string,
  port = 0
): Promise<PreviewServer> {
  const bundle = await buildHarness(root);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(indexPage());
    } else if (url.pathname === "/scenario") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(scenarioPage());
    } else if (url.pathname === "/favicon.ico") {
      response.writeHead(204).end();
    } else if (url.pathname === "/harness.js") {
      response.writeHead(200, {
        "content-type": "text/javascript; charset=utf-8"
      });
      response.end(bundle.code);
    } else if (url.pathname.startsWith("/slds/")) {
      const file = path.resolve(
        SLDS_ASSETS,
        decodeURIComponent(url.pathname.slice("/slds/".length))
      );
      // Only files inside the SLDS assets folder.
      if (!file.startsWith(SLDS_ASSETS + path.sep)) {
        response.writeHead(404).end("not found");
        return;
      }
      sendFile(response, file);
    } else {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
