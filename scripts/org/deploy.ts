/** npm run deploy -- -o <alias> [--skip-gate]: build, offline gate, deploy force-app, assign permission sets. */
import {
  ADMIN_PERMISSION_SETS,
  assignPermissionSets,
  buildAndGate,
  main,
  parseOrgArgs,
  requireOrg,
  runOrFail,
  UsageError
} from "./common";

main("deploy", (argv) => {
  const args = parseOrgArgs(argv);
  const unknown = args.rest.filter((a) => a !== "--skip-gate");
  if (unknown.length > 0)
    throw new UsageError(`unknown option(s): ${unknown.join(" ")}`);
  const org = requireOrg(args.targetOrg, "deploy");
  buildAndGate({ full: !args.rest.includes("--skip-gate") });
  runOrFail(`Deploy force-app to ${org.username}`, [
    "project",
    "deploy",
    "start",
    "--source-dir",
    "force-app",
    "--target-org",
    org.username,
    "--wait",
    "30"
  ]);
  assignPermissionSets(org.username, ADMIN_PERMISSION_SETS);
  console.log(
    "\n✔ Deployed. Next: npm run setup -- -o " +
      (args.targetOrg ?? org.username)
  );
});
