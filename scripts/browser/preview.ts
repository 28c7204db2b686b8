/**
 * npm run preview: the components in every state, for someone without an org. Serves on 127.0.0.1 only.
 * Usage: npm run preview [-- --port 4173]
 */
import * as path from "node:path";
import { startPreviewServer } from "./server";

async function main(): Promise<void> {
  const portIndex = process.argv.indexOf("--port");
  const port = portIndex > 0 ? Number(process.argv[portIndex + 1]) : 4173;
  const root = path.resolve(__dirname, "..", "..");
  const server = await startPreviewServer(root, port);
  console.log(`Preview: ${server.url}/  (Ctrl+C to stop)`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
