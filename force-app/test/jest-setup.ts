// Runs before every LWC test file: `await expect(element).toBeAccessible()` checks the DOM with axe.
import { registerSa11yMatcher } from "@sa11y/jest";

registerSa11yMatcher();
