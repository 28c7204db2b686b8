/**
 * Loads the metadata schema model, generating it on the first run and caching it under node_modules/.cache so that
 * later gate runs only read a JSON file. The cache key covers the @salesforce/types version and this generator's
 * source, so upgrading either regenerates the model.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  SCHEMA_FORMAT_VERSION,
  generateMetadataSchema
} from "./generateSchema";
import type { MetadataSchema } from "./model";

export interface LoadedSchema {
  schema: MetadataSchema;
  /** Where the cached model lives (absent when the cache directory is not writable). */
  cacheFile?: string;
  fromCache: boolean;
}

interface TypesPackage {
  dtsPath: string;
  version: string;
  nodeModules: string;
}

function locateTypesPackage(): TypesPackage {
  // The package's exports map hides package.json, so resolve a public entry and walk up from it.
  const entry = require.resolve("@salesforce/types/metadata");
  const packageDir = path.resolve(path.dirname(entry), "..");
  const manifest = JSON.parse(
    fs.readFileSync(path.join(packageDir, "package.json"), "utf8")
  ) as { version: string };
  return {
    dtsPath: path.join(packageDir, "lib", "metadata.d.ts"),
    version: manifest.version,
    nodeModules: path.resolve(packageDir, "..", "..")
  };
}

function cacheKey(version: string): string {
  const hash = createHash("sha256");
  hash.update(`${SCHEMA_FORMAT_VERSION}\0${version}\0`);
  hash.update(fs.readFileSync(path.join(__dirname, "generateSchema.ts")));
  return hash.digest("hex").slice(0, 12);
}

/** Reads the cached model, or generates and caches it. `cacheDir` is for tests. */
export function loadMetadataSchema(
  options: { cacheDir?: string } = {}
): LoadedSchema {
  const types = locateTypesPackage();
  const cacheDir =
    options.cacheDir ??
    path.join(types.nodeModules, ".cache", "onekosmos-gate");
  const cacheFile = path.join(
    cacheDir,
    `metadata-schema-${types.version}-${cacheKey(types.version)}.json`
  );
  try {
    const cached = JSON.parse(
      fs.readFileSync(cacheFile, "utf8")
    ) as MetadataSchema;
    if (
      cached.formatVersion === SCHEMA_FORMAT_VERSION &&
      cached.typesVersion === types.version
    ) {
      return { schema: cached, cacheFile, fromCache: true };
    }
  } catch {
    // No cache yet (or a damaged one): generate below.
  }
  const { schema, warnings } = generateMetadataSchema(
    fs.readFileSync(types.dtsPath, "utf8"),
    types.version
  );
  if (warnings.length > 0) {
    // A new @salesforce/types shape the generator does not know must be looked at, not silently accepted.
    throw new Error(
      `metadata schema generator does not understand ${types.dtsPath}:\n${warnings.join("\n")}`
    );
  }
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Write then rename, so a concurrent gate run never reads half a file.
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(schema));
    fs.renameSync(temp, cacheFile);
    // Models of older generator or package versions are dead weight now.
    for (const entry of fs.readdirSync(cacheDir)) {
      if (
        /^metadata-schema-.*\.json$/.test(entry) &&
        entry !== path.basename(cacheFile)
      ) {
        fs.rmSync(path.join(cacheDir, entry), { force: true });
      }
    }
    return { schema, cacheFile, fromCache: false };
  } catch {
    return { schema, fromCache: false };
  }
}
