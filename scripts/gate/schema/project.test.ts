import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { optionalSourceFolders, readDxProject } from "./project";

function projectWith(json: object): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dx-project-"));
  fs.writeFileSync(path.join(root, "sfdx-project.json"), JSON.stringify(json));
  return root;
}

describe("readDxProject", () => {
  it("covers the package directories, then the optional source folders", () => {
    const root = projectWith({
      packageDirectories: [{ path: "force-app", default: true }],
      sourceApiVersion: "67.0",
      plugins: {
        onekosmos: {
          optionalSourceFolders: [
            { path: "optional/orders", requiresObject: "Order" }
          ]
        }
      }
    });
    const project = readDxProject(root);
    assert.deepEqual(project.packageDirs, [
      path.join(root, "force-app"),
      path.join(root, "optional", "orders")
    ]);
    assert.deepEqual(project.optionalFolders, [
      { path: "optional/orders", requiresObject: "Order" }
    ]);
  });
  it("has no optional folders when sfdx-project.json names none", () => {
    const root = projectWith({
      packageDirectories: [{ path: "force-app" }],
      sourceApiVersion: "67.0"
    });
    assert.deepEqual(readDxProject(root).optionalFolders, []);
    assert.equal(readDxProject(root).packageDirs.length, 1);
  });
  it("refuses a malformed optional folder instead of skipping it", () => {
    assert.throws(
      () =>
        optionalSourceFolders({
          plugins: { onekosmos: { optionalSourceFolders: [{ path: "x" }] } }
        }),
      /optionalSourceFolders\[0\] needs a path and a requiresObject/
    );
    assert.throws(
      () =>
        optionalSourceFolders({
          plugins: { onekosmos: { optionalSourceFolders: "optional/orders" } }
        }),
      /must be a list/
    );
  });
});
