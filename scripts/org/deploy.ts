/**
 * npm run deploy -- -o <alias> [--skip-gate]: build, offline gate, deploy force-app plus the optional source folders
 * whose org feature the target org has (e.g. optional/orders where Orders are on), assign permission sets.
 */
import { readDxProject } from "../gate/schema/project";
import {
  ADMIN_PERMISSION_SETS,
  assignPermissionSets,
  buildAndGate,
  deploySource,
  main,
  parseOrgArgs,
  PROJECT_ROOT,
  requireOrg,
  sourceDirsFor,
  UsageError
} from "./common";

main("deploy", (argv) => {
  const args = parseOrgArgs(argv);
  const unknown = args.rest.filter((a) => a !== "--skip-gate");
  if (unknown.length > 0)
    throw new UsageError(`unknown option(s): ${unknown.join(" ")}`);
  const org = requireOrg(args.targetOrg, "deploy");
  buildAndGate({ full: !args.rest.includes("--skip-gate") });
  const dirs = sourceDirsFor(
    org.username,
    readDxProject(PROJECT_ROOT).optionalFolders
  );
  deploySource(
    `Deploy ${dirs.join(", ")} to ${org.username}`,
    org.username,
    dirs
  );
  assignPermissionSets(org.username, ADMIN_PERMISSION_SETS);
  console.log(
    "\n✔ Deployed. Next: npm run setup -- -o " +
      (args.targetOrg ?? org.username)
  );
});
