/**
 * npm run validate -- -o <alias>: build, then a check-only deploy (force-app plus the optional folders whose feature the
 * org has) that runs the local Apex tests in the org.
 */
import { readDxProject } from "../gate/schema/project";
import {
  buildAndGate,
  main,
  parseOrgArgs,
  PROJECT_ROOT,
  requireOrg,
  runOrFail,
  sourceDirsFor,
  UsageError
} from "./common";

main("validate", (argv) => {
  const args = parseOrgArgs(argv);
  if (args.rest.length > 0)
    throw new UsageError(`unknown option(s): ${args.rest.join(" ")}`);
  const org = requireOrg(args.targetOrg, "validate");
  buildAndGate({ full: false });
  const dirs = sourceDirsFor(
    org.username,
    readDxProject(PROJECT_ROOT).optionalFolders
  );
  runOrFail(`Check-only deploy to ${org.username} with local tests`, [
    "project",
    "deploy",
    "validate",
    ...dirs.flatMap((dir) => ["--source-dir", dir]),
    "--target-org",
    org.username,
    "--test-level",
    "RunLocalTests",
    "--coverage-formatters",
    "text-summary",
    "--wait",
    "60"
  ]);
});
