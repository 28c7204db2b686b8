/** npm run validate -- -o <alias>: build, then a check-only deploy that runs the local Apex tests in the org. */
import {
  buildAndGate,
  main,
  parseOrgArgs,
  requireOrg,
  runOrFail,
  UsageError
} from "./common";

main("validate", (argv) => {
  const args = parseOrgArgs(argv);
  if (args.rest.length > 0)
    throw new UsageError(`unknown option(s): ${args.rest.join(" ")}`);
  const org = requireOrg(args.targetOrg, "validate");
  buildAndGate({ full: false });
  runOrFail(`Check-only deploy to ${org.username} with local tests`, [
    "project",
    "deploy",
    "validate",
    "--source-dir",
    "force-app",
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
