/**
 * Converts the project to the Metadata API format, as a deploy does (source-deploy-retrieve's MetadataConverter,
 * in-process), and inspects what would be sent: no TypeScript, source maps, tests or tsconfig/jsconfig files; every
 * LWC bundle with its .js, .js-meta.xml and the .html its source has; every source component in package.xml.
 * Findings name the source file that produced (or should have produced) each payload file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ComponentSet,
  MetadataConverter,
  RegistryAccess,
  type SourceComponent
} from "@salesforce/source-deploy-retrieve";
import { XMLParser } from "fast-xml-parser";
import {
  listFiles,
  readDxProject,
  relativePath,
  relativizeMessage
} from "../schema/project";
import type { Check, CheckContext, Finding } from "../types";
import { filesOfComponent } from "./unclaimedFiles";

const NAME = "deploy-payload";

/** Why a payload file must not be deployed, or undefined when it may. */
export function forbiddenPayloadReason(
  payloadPath: string
): string | undefined {
  const segments = payloadPath.split("/");
  const base = segments[segments.length - 1];
  if (segments.includes("__tests__") || segments.includes("__mocks__"))
    return "test code (__tests__/__mocks__)";
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(base)) return "a test file";
  if (/^(ts|js)config.*\.json$/.test(base))
    return "a TypeScript/JavaScript project file";
  if (base.endsWith(".tsbuildinfo")) return "a TypeScript build file";
  if (/\.[cm]?tsx?$/.test(base))
    return "TypeScript source (the platform accepts only the compiled .js)";
  if (base.endsWith(".map")) return "a source map";
  return undefined;
}

interface SourceIndex {
  /** Payload-relative path → the source file it comes from. */
  byPayloadPath: Map<string, string>;
  /** Payload-relative bundle directory (e.g. lwc/foo) → source bundle directory. */
  bundleDirs: Map<string, string>;
}

function indexSources(components: SourceComponent[]): SourceIndex {
  const byPayloadPath = new Map<string, string>();
  const bundleDirs = new Map<string, string>();
  for (const component of components) {
    for (const file of filesOfComponent(component)) {
      const payloadPath = component
        .getPackageRelativePath(file, "metadata")
        .split(path.sep)
        .join("/");
      byPayloadPath.set(payloadPath, file);
      // Recomposed and content-less types lose the -meta.xml suffix in the payload (objects/X.object).
      if (payloadPath.endsWith("-meta.xml"))
        byPayloadPath.set(payloadPath.slice(0, -"-meta.xml".length), file);
    }
    if (
      component.content &&
      fs.existsSync(component.content) &&
      fs.statSync(component.content).isDirectory()
    ) {
      const payloadDir = component
        .getPackageRelativePath(component.content, "metadata")
        .split(path.sep)
        .join("/");
      bundleDirs.set(payloadDir, component.content);
    }
  }
  return { byPayloadPath, bundleDirs };
}

function sourceOf(index: SourceIndex, payloadPath: string): string | undefined {
  const exact = index.byPayloadPath.get(payloadPath);
  if (exact) return exact;
  for (const [payloadDir, sourceDir] of index.bundleDirs) {
    if (payloadPath.startsWith(`${payloadDir}/`))
      return path.join(sourceDir, payloadPath.slice(payloadDir.length + 1));
  }
  return undefined;
}

/** Members of package.xml by type name. */
function manifestMembers(packageXml: string): Map<string, Set<string>> {
  const parser = new XMLParser({
    isArray: (name) => name === "types" || name === "members",
    parseTagValue: false
  });
  const parsed = parser.parse(packageXml) as {
    Package?: { types?: { name?: string; members?: string[] }[] };
  };
  const members = new Map<string, Set<string>>();
  for (const type of parsed.Package?.types ?? []) {
    if (type.name) members.set(type.name, new Set(type.members ?? []));
  }
  return members;
}

interface ManifestEntry {
  type: { name: string; folderContentType?: string };
  fullName: string;
}

/**
 * The components (type and fullName) that package.xml does not list. A folder is listed under the type it holds
 * (a ReportFolder under Report); `typeNameOf` maps a registry type id to its name.
 */
export function missingFromManifest<T extends ManifestEntry>(
  components: T[],
  packageXml: string,
  typeNameOf: (id: string) => string = (id) => id
): T[] {
  const members = manifestMembers(packageXml);
  return components.filter((component) => {
    const listedAs = component.type.folderContentType
      ? typeNameOf(component.type.folderContentType)
      : component.type.name;
    const listed = members.get(listedAs);
    // SDR lists a folder as "Name/" (the Metadata API also takes "Name").
    return !(
      listed?.has(component.fullName) ||
      (component.type.folderContentType &&
        listed?.has(`${component.fullName}/`))
    );
  });
}

export const deployPayloadCheck: Check = {
  name: NAME,
  description:
    "the converted deploy payload holds no TypeScript, maps, tests or tsconfig, every LWC bundle has its JS, and package.xml lists every component",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const project = readDxProject(ctx.root);
    const findings: Finding[] = [];
    const report = (file: string | undefined, message: string): void => {
      findings.push({
        check: NAME,
        file: file ? relativePath(ctx.root, file) : undefined,
        message
      });
    };

    let set: ComponentSet;
    try {
      set = ComponentSet.fromSource({ fsPaths: project.packageDirs });
      set.sourceApiVersion = project.sourceApiVersion;
      set.apiVersion = project.sourceApiVersion;
    } catch (error) {
      const raw = (error as Error).message;
      const named = project.packageDirs
        .flatMap((dir) => listFiles(dir))
        .find((file) => raw.includes(file));
      report(
        named,
        `the project cannot be converted for a deploy: ${relativizeMessage(ctx.root, raw, named)}`
      );
      return findings;
    }
    const components = set.getSourceComponents().toArray();
    const index = indexSources(components);

    const outputDirectory = fs.mkdtempSync(
      path.join(os.tmpdir(), "onekosmos-payload-")
    );
    try {
      await new MetadataConverter().convert(set, "metadata", {
        type: "directory",
        outputDirectory,
        genUniqueDir: false
      });
      const payload = new Set(
        listFiles(outputDirectory).map((file) =>
          relativePath(outputDirectory, file)
        )
      );

      for (const payloadPath of payload) {
        const reason = forbiddenPayloadReason(payloadPath);
        if (reason) {
          report(
            sourceOf(index, payloadPath),
            `the deploy payload would hold ${payloadPath}, ${reason}: exclude it in .forceignore`
          );
        }
      }

      for (const [payloadDir, sourceDir] of index.bundleDirs) {
        if (!payloadDir.startsWith("lwc/")) continue;
        const name = path.posix.basename(payloadDir);
        if (!payload.has(`${payloadDir}/${name}.js`)) {
          const ts = path.join(sourceDir, `${name}.ts`);
          report(
            fs.existsSync(ts)
              ? ts
              : path.join(sourceDir, `${name}.js-meta.xml`),
            `the deploy payload has no ${payloadDir}/${name}.js: ${fs.existsSync(ts) ? "TypeScript component not built: run npm run build" : `expected ${name}.js in the bundle`}`
          );
        }
        if (!payload.has(`${payloadDir}/${name}.js-meta.xml`)) {
          report(
            sourceDir,
            `the deploy payload has no ${payloadDir}/${name}.js-meta.xml`
          );
        }
        const templates = listFiles(sourceDir).filter(
          (file) =>
            file.endsWith(".html") &&
            !/(^|[\\/])__(tests|mocks)__[\\/]/.test(
              path.relative(sourceDir, file)
            )
        );
        for (const html of templates) {
          const payloadHtml = `${payloadDir}/${path.relative(sourceDir, html).split(path.sep).join("/")}`;
          if (!payload.has(payloadHtml)) {
            report(
              html,
              `the deploy payload lacks ${payloadHtml}: is it excluded by .forceignore?`
            );
          }
        }
      }

      const packageXml = path.join(outputDirectory, "package.xml");
      if (!fs.existsSync(packageXml)) {
        report(undefined, "the converted payload has no package.xml");
      } else {
        const expected = components.flatMap((component) => [
          component,
          ...component.getChildren().filter((child) => child.isAddressable)
        ]);
        const registry = new RegistryAccess();
        for (const component of missingFromManifest(
          expected,
          fs.readFileSync(packageXml, "utf8"),
          (id) => registry.getTypeByName(id).name
        )) {
          report(
            component.xml ?? component.content,
            `package.xml of the deploy payload does not list ${component.type.name} ${component.fullName}`
          );
        }
      }
      ctx.log(`${components.length} components, ${payload.size} payload files`);
    } catch (error) {
      report(
        undefined,
        `the project cannot be converted for a deploy: ${relativizeMessage(ctx.root, (error as Error).message)}`
      );
    } finally {
      fs.rmSync(outputDirectory, { recursive: true, force: true });
    }
    return findings;
  }
};
