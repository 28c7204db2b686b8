/**
 * Every file under the package directories that .forceignore lets through belongs to a metadata component. A deploy
 * drops unclaimed files without a word (a .cls without its -meta.xml, a stray file), and refuses a -meta.xml
 * without its source; both are reported here, with TypeScript components whose compiled .js is missing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ComponentSet,
  ForceIgnore,
  MetadataResolver,
  type SourceComponent
} from "@salesforce/source-deploy-retrieve";
import {
  listFiles,
  readDxProject,
  relativePath,
  relativizeMessage
} from "../schema/project";
import type { Check, CheckContext, Finding } from "../types";

const NAME = "unclaimed-files";

/** The files a component brings to a deploy: its metadata XML, its content, and its decomposed children's XML. */
export function filesOfComponent(component: SourceComponent): string[] {
  const files: string[] = [];
  if (component.xml && fs.existsSync(component.xml)) files.push(component.xml);
  if (component.content && fs.existsSync(component.content)) {
    if (fs.statSync(component.content).isDirectory())
      files.push(...component.walkContent());
    else files.push(component.content);
  }
  for (const child of component.getChildren())
    files.push(...filesOfComponent(child));
  return files;
}

/** A TypeScript source of an LWC bundle that must be compiled to a .js beside it (tests and declarations need not). */
function isLwcTypeScriptSource(root: string, file: string): boolean {
  const segments = path.relative(root, file).split(path.sep);
  return (
    segments.includes("lwc") &&
    file.endsWith(".ts") &&
    !file.endsWith(".d.ts") &&
    !/\.(test|spec)\.ts$/.test(file) &&
    !segments.includes("__tests__") &&
    !segments.includes("__mocks__")
  );
}

export const unclaimedFilesCheck: Check = {
  name: NAME,
  description:
    "every file under the package directories (after .forceignore) belongs to a metadata component, and every TypeScript component is built",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const project = readDxProject(ctx.root);
    const forceIgnore = ForceIgnore.findAndCreate(ctx.root);
    const allFiles = project.packageDirs.flatMap((dir) => listFiles(dir));
    const files = allFiles.filter((file) => !forceIgnore.denies(file));
    const findings: Finding[] = [];
    const reported = new Set<string>();
    const report = (file: string, message: string): void => {
      reported.add(file);
      findings.push({
        check: NAME,
        file: relativePath(ctx.root, file),
        message
      });
    };

    // 1. TypeScript that was never compiled: the platform only accepts the .js, and .forceignore hides the .ts.
    for (const file of allFiles.filter((candidate) =>
      isLwcTypeScriptSource(ctx.root, candidate)
    )) {
      const compiled = file.replace(/\.ts$/, ".js");
      if (!fs.existsSync(compiled)) {
        report(
          file,
          `TypeScript component not built: run npm run build (expected ${path.basename(compiled)} beside ${path.basename(file)})`
        );
      }
    }

    // 2. File by file, so that one bad file does not hide the others.
    const resolver = new MetadataResolver();
    const claimed = new Set<string>();
    const bundles = new Map<string, SourceComponent>();
    for (const file of files) {
      if (claimed.has(file) || reported.has(file)) continue;
      let components: SourceComponent[];
      try {
        components = resolver.getComponentsFromPath(file);
      } catch (error) {
        const reason = relativizeMessage(
          ctx.root,
          (error as Error).message,
          file
        );
        const source = file.replace(/-meta\.xml$/, "");
        report(
          file,
          (error as Error).name === "ExpectedSourceFilesError"
            ? `${path.basename(file)} has no ${path.basename(source)} beside it, so the deploy cannot be built (${reason})`
            : `no metadata component can be made of this file: ${reason}`
        );
        continue;
      }
      for (const component of components) {
        for (const owned of filesOfComponent(component)) claimed.add(owned);
        if (
          component.type.name === "LightningComponentBundle" &&
          component.content
        ) {
          bundles.set(component.content, component);
        }
        if (
          component.xml &&
          !fs.existsSync(component.xml) &&
          component.content === file
        ) {
          report(
            file,
            `${path.basename(file)} has no ${path.basename(component.xml)} beside it: a deploy drops it silently (expected ${relativePath(ctx.root, component.xml)})`
          );
        }
      }
      if (!claimed.has(file) && !reported.has(file)) {
        report(
          file,
          "no metadata component claims this file: a deploy would drop it (move it out of the package directory or add it to .forceignore)"
        );
      }
    }

    // 3. An LWC bundle needs its own-named .js (the TypeScript case is reported above) and .js-meta.xml.
    for (const [dir, bundle] of bundles) {
      const name = path.basename(dir);
      const js = path.join(dir, `${name}.js`);
      const ts = path.join(dir, `${name}.ts`);
      const meta = path.join(dir, `${name}.js-meta.xml`);
      if (!fs.existsSync(js) && !fs.existsSync(ts)) {
        report(
          bundle.xml ?? dir,
          `LWC bundle ${name} has no ${name}.js: expected ${relativePath(ctx.root, js)}`
        );
      }
      if (!fs.existsSync(meta)) {
        report(
          dir,
          `LWC bundle ${name} has no ${name}.js-meta.xml: the Metadata API rejects the bundle (expected ${relativePath(ctx.root, meta)})`
        );
      }
    }

    // 4. The set a deploy is built from: what SDR claims when it resolves the whole project must match.
    try {
      const set = ComponentSet.fromSource({ fsPaths: project.packageDirs });
      set.sourceApiVersion = project.sourceApiVersion;
      const deployed = new Set(
        set.getSourceComponents().toArray().flatMap(filesOfComponent)
      );
      for (const file of files) {
        if (!deployed.has(file) && !reported.has(file)) {
          report(
            file,
            "this file is not part of the deploy: source-deploy-retrieve resolves no component that includes it"
          );
        }
      }
    } catch (error) {
      const named = files.find((file) =>
        (error as Error).message.includes(file)
      );
      const message = relativizeMessage(
        ctx.root,
        (error as Error).message,
        named
      );
      if (!named || !reported.has(named)) {
        findings.push({
          check: NAME,
          file: named ? relativePath(ctx.root, named) : undefined,
          message: `the project cannot be resolved for a deploy: ${message}`
        });
      }
    }
    ctx.log(`${files.length} files, ${claimed.size} claimed by components`);
    return findings;
  }
};
