// ESLint for the whole repository (flat config).
// - LWC components and their tests, written in TypeScript: the LWC rules of
//   @salesforce/eslint-config-lwc (recommended) on the typescript-eslint parser, plus typescript-eslint's
//   type-checked recommended rules. Module resolution is left to tsc, which knows the platform modules.
// - scripts/ and types/: typescript-eslint recommended.
const eslintJs = require("@eslint/js");
const lwcConfig = require("@salesforce/eslint-config-lwc");
const tseslint = require("typescript-eslint");

const LWC_TS = ["force-app/**/*.ts"];
const LWC_TESTS = ["force-app/**/__tests__/**/*.ts", "force-app/test/**/*.ts"];

// Import rules that need a resolver for lightning/*, @salesforce/* and c/* modules: tsc checks these.
const IMPORT_RULES_TSC_COVERS = {
  "import/no-unresolved": "off",
  "import/named": "off",
  "import/default": "off",
  "import/namespace": "off",
  "import/no-named-as-default-member": "off"
};

const NODE_COMMONJS_GLOBALS = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly"
};

/** Restricts a shared config object to some files (flat configs otherwise apply everywhere). */
const only = (files, configs) =>
  configs.map((config) => ({ ...config, files }));

module.exports = tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "coverage/**",
      ".sfdx/**",
      ".sf/**",
      ".localdevserver/**",
      // Build output of the .ts beside it.
      "force-app/**/lwc/**/*.js",
      "types/generated/**"
    ]
  },

  // Components and their tests.
  ...only(LWC_TS, lwcConfig.configs.recommended),
  ...only(LWC_TS, tseslint.configs.recommendedTypeChecked),
  {
    files: LWC_TS,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: __dirname
      }
    },
    rules: {
      ...IMPORT_RULES_TSC_COVERS,
      // TypeScript reports undefined names with their types in view.
      "no-undef": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": "error",
      // `import type` lines vanish from the compiled .js; inline `type` specifiers leave `import x, {}`.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "separate-type-imports" }
      ],
      "@typescript-eslint/no-import-type-side-effects": "error"
    }
  },
  {
    files: LWC_TESTS,
    rules: {
      // Tests wait for re-renders with timers, and reach into shadow roots they just rendered.
      "@lwc/lwc/no-async-operation": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off"
    }
  },

  // Build and gate scripts, and the platform declarations.
  ...only(["scripts/**/*.ts", "types/**/*.ts"], tseslint.configs.recommended),

  // Configuration files at the root are CommonJS run by Node.
  {
    ...eslintJs.configs.recommended,
    files: ["*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: NODE_COMMONJS_GLOBALS
    }
  }
);
