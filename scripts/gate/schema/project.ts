/**
 * What the metadata checks need to know about a Salesforce DX project: its package directories, its
 * sourceApiVersion, and the files in it. Kept free of source-deploy-retrieve so that checks which do not need SDR
 * do not pay for loading it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface DxProject {
  root: string;
  /**
   * Absolute paths of the source folders the checks cover: the packageDirectories of sfdx-project.json, then the
   * optional source folders (see OptionalSourceFolder), which hold metadata as well.
   */
  packageDirs: string[];
  /** The optional source folders, in the order sfdx-project.json lists them. */
  optionalFolders: OptionalSourceFolder[];
  /** sourceApiVersion as written (e.g. "67.0"). */
  sourceApiVersion: string;
}

/**
 * A source folder that needs an org feature (e.g. Orders) and so is not a packageDirectory: a bare
 * `sf project deploy start` deploys every packageDirectory, and would fail in orgs without the feature. The deploy
 * script adds the folder when the target org has `requiresObject`; the gate checks it like any package directory.
 * Listed in sfdx-project.json under plugins.onekosmos.optionalSourceFolders.
 */
export interface OptionalSourceFolder {
  /** Path relative to the project root, as written (e.g. "optional/orders"). */
  path: string;
  /** API name of the object whose presence in the org means the feature is on (e.g. "Order"). */
  requiresObject: string;
}

interface ProjectJson {
  packageDirectories?: { path?: string }[];
  sourceApiVersion?: string;
  plugins?: { onekosmos?: { optionalSourceFolders?: unknown } };
}

/** The optional source folders of a parsed sfdx-project.json; a malformed entry is an error, not a skipped folder. */
export function optionalSourceFolders(
  json: ProjectJson
): OptionalSourceFolder[] {
  const entries = json.plugins?.onekosmos?.optionalSourceFolders;
  if (entries === undefined) return [];
  if (!Array.isArray(entries))
    throw new Error(
      "sfdx-project.json: plugins.onekosmos.optionalSourceFolders must be a list"
    );
  return entries.map((entry: unknown, index) => {
    const folder = entry as Partial<OptionalSourceFolder> | null;
    if (
      typeof folder?.path !== "string" ||
      folder.path.trim() === "" ||
      typeof folder.requiresObject !== "string" ||
      folder.requiresObject.trim() === ""
    )
      throw new Error(
        `sfdx-project.json: plugins.onekosmos.optionalSourceFolders[${index}] needs a path and a requiresObject`
      );
    return { path: folder.path, requiresObject: folder.requiresObject };
  });
}

export function readDxProject(root: string): DxProject {
  const file = path.join(root, "sfdx-project.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as ProjectJson;
  const packageDirs = (json.packageDirectories ?? [])
    .map((entry) => entry.path)
    .filter((entry): entry is string => typeof entry === "string")
    .map((entry) => path.resolve(root, entry));
  if (packageDirs.length === 0)
    throw new Error("sfdx-project.json lists no packageDirectories");
  if (!json.sourceApiVersion)
    throw new Error("sfdx-project.json has no sourceApiVersion");
  const optionalFolders = optionalSourceFolders(json);
  for (const folder of optionalFolders) {
    const dir = path.resolve(root, folder.path);
    if (!packageDirs.includes(dir)) packageDirs.push(dir);
  }
  return {
    root,
    packageDirs,
    optionalFolders,
    sourceApiVersion: json.sourceApiVersion
  };
}

/** Every file under `dir` (absolute paths, sorted); skips .git and node_modules. Missing directories yield []. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".git" && entry.name !== "node_modules") walk(full);
      } else if (entry.isFile()) {
        files.push(full);
      }
    }
  };
  walk(dir);
  return files.sort();
}

/** A path relative to the project root with forward slashes, as findings report it. */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

/**
 * SDR error messages start with the absolute path of the file they are about. A finding names that file already,
 * so drop the prefix when it is `file`, and make any other path relative.
 */
export function relativizeMessage(
  root: string,
  message: string,
  file?: string
): string {
  const withoutFile =
    file && message.startsWith(`${file}: `)
      ? message.slice(file.length + 2)
      : message;
  return withoutFile.split(root + path.sep).join("");
}
