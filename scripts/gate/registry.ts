import type { Check } from "./types";
import {
  eslintCheck,
  jestCheck,
  prettierCheck,
  scriptTestsCheck,
  typescriptCheck
} from "./checks/toolChecks";
import { metadataWellFormedCheck } from "./checks/metadataWellFormed";
import { metadataSchemaCheck } from "./checks/metadataSchema";
import { metadataTextValuesCheck } from "./checks/metadataTextValues";
import { unclaimedFilesCheck } from "./checks/unclaimedFiles";
import { deployPayloadCheck } from "./checks/deployPayload";
import { lwcBuildCheck } from "./checks/lwcBuild";
import { apexSemanticCheck } from "./checks/apexSemantic";
import { apexPmdCheck } from "./checks/apexPmd";
import { apexTestReferencesCheck } from "./checks/apexTestReferences";
import { flowScanCheck } from "./checks/flowScan";
import { browserCheck } from "./checks/browser";

/** Every check, in the order the gate runs them: fast static checks first, test suites last. */
export const ALL_CHECKS: Check[] = [
  prettierCheck,
  eslintCheck,
  typescriptCheck,
  metadataWellFormedCheck,
  metadataSchemaCheck,
  metadataTextValuesCheck,
  unclaimedFilesCheck,
  lwcBuildCheck,
  deployPayloadCheck,
  apexSemanticCheck,
  apexPmdCheck,
  apexTestReferencesCheck,
  flowScanCheck,
  browserCheck,
  jestCheck,
  scriptTestsCheck
];
