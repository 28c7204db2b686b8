/**
 * npm run org:create -- [-a <alias>] [--full] [-v <dev hub>] [-y <days>]: a scratch org, deployed and ready.
 * --full uses config/project-scratch-def-full.json (multi-currency, person accounts, Orders, Experience Cloud).
 */
import { readDxProject } from "../gate/schema/project";
import {
  ADMIN_PERMISSION_SETS,
  assignPermissionSets,
  buildAndGate,
  deploySource,
  main,
  PROJECT_ROOT,
  runOrFail,
  sourceDirsFor,
  UsageError
} from "./common";

export interface CreateOptions {
  alias: string;
  definitionFile: string;
  devHub?: string;
  days: string;
}

export function parseCreateArgs(argv: string[]): CreateOptions {
  const options: CreateOptions = {
    alias: "onekosmos",
    definitionFile: "config/project-scratch-def.json",
    days: "7"
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (!next || next.startsWith("-"))
        throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "-a" || arg === "--alias") options.alias = value();
    else if (arg === "--full")
      options.definitionFile = "config/project-scratch-def-full.json";
    else if (arg === "-v" || arg === "--target-dev-hub")
      options.devHub = value();
    else if (arg === "-y" || arg === "--duration-days") {
      options.days = value();
      if (
        !/^\d+$/.test(options.days) ||
        Number(options.days) < 1 ||
        Number(options.days) > 30
      ) {
        throw new UsageError(
          "--duration-days must be a whole number from 1 to 30"
        );
      }
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return options;
}

if (require.main === module) {
  main("org:create", (argv) => {
    const options = parseCreateArgs(argv);
    buildAndGate({ full: false });
    const create = [
      "org",
      "create",
      "scratch",
      "--definition-file",
      options.definitionFile,
      "--alias",
      options.alias,
      "--duration-days",
      options.days,
      "--set-default",
      "--wait",
      "20"
    ];
    // Without -v the CLI uses the default Dev Hub and explains clearly when there is none.
    if (options.devHub) create.push("--target-dev-hub", options.devHub);
    runOrFail(
      `Create scratch org "${options.alias}" from ${options.definitionFile}`,
      create
    );
    const dirs = sourceDirsFor(
      options.alias,
      readDxProject(PROJECT_ROOT).optionalFolders
    );
    deploySource(`Deploy ${dirs.join(", ")}`, options.alias, dirs);
    assignPermissionSets(options.alias, ADMIN_PERMISSION_SETS);
    console.log(
      `\n✔ Scratch org "${options.alias}" is ready. Open it: npx sf org open -o ${options.alias}`
    );
  });
}
