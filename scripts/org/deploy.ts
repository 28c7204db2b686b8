/** npm run deploy -- -o <alias> [--skip-gate]: build, offline gate, deploy force-app, assign permission sets. */
import {
  ADMIN_PERMISSION_SETS,
  assignPermissionSets,
  buildAndGate,
  deploySource,
  main,
  parseOrgArgs,
  requireOrg,
  UsageError
} from "./common";

main("deploy", (argv) => {
  const args = parseOrgArgs(argv);
  const unknown = args.rest.filter((a) => a !== "--skip-gate");
  if (unknown.length > 0)
    throw new UsageError(`unknown option(s): ${unknown.join(" ")}`);
  const org = requireOrg(args.targetOrg, "deploy");
  buildAndGate({ full: !args.rest.includes("--skip-gate") });
  deploySource(`Deploy force-app to ${org.username}`, org.username);
  assignPermissionSets(org.username, ADMIN_PERMISSION_SETS);
  console.log(
    "\n✔ Deployed. Next: npm run setup -- -o " +
      (args.targetOrg ?? org.username)
  );
});
