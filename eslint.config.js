// @ts-check
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import palpable from "./eslint/boundaries.js";

/** Test files: they may reach anywhere to set up and assert. */
const TESTS = /\.test\.tsx?$|\.e2e\.ts$/;

/** The types `AppDeps` (src/platform/context.ts) names from modules: `import type` only, and only there. */
const PLATFORM_CONTEXT_TYPES = [/^src\/db\/database$/, /^src\/auth\/auth$/];

/** The layer boundaries (docs/ARCHITECTURE.md, "Boundaries"); test/lint/boundaries.test.ts proves each one bites. */
export const BOUNDARIES = [
  {
    from: /^src\/(?!web\/)/,
    except: TESTS,
    disallow: [/^src\/web\//],
    message: "server code never imports the web app; move what both sides run to src/shared/",
  },
  {
    from: /^src\//,
    except: /\.test\.tsx?$|\.generate\.ts$/,
    disallow: [/^test\//, /\.testing$/, /^vitest(\/|$)/, /^fast-check$/, /^@garmin\/fitsdk$/, /^playwright-core$/],
    message: "production code never imports test helpers or test-only packages",
  },
  {
    from: /^src\/web\//,
    except: TESTS,
    disallow: [/^src\/(?!web\/|shared\/)/],
    allowTypes: [/^src\/.+\/schema$/],
    message: "the web app imports only src/web/, src/shared/ and `import type` from a module's schema.ts",
  },
  {
    from: /^src\/platform\/(?!context\.ts$)/,
    except: TESTS,
    disallow: [/^src\/(?!platform\/|shared\/)/],
    message: "src/platform/ imports only src/platform/ and src/shared/: no module, not app/ or cli/",
  },
  {
    // AppDeps names the database and auth types the modules are built with; types only.
    from: /^src\/platform\/context\.ts$/,
    disallow: [/^src\/(?!platform\/|shared\/)/],
    allowTypes: PLATFORM_CONTEXT_TYPES,
    message: "src/platform/ imports only src/platform/ and src/shared/: no module, not app/ or cli/",
  },
  {
    from: /^src\/(?!app\/|cli\/|web\/|platform\/|shared\/)/,
    except: TESTS,
    disallow: [/^src\/(app|cli)\//],
    message: "a module never imports src/app/ or src/cli/ (the composition); pass what it needs in, or move it down",
  },
  {
    from: /^src\/shared\//,
    except: TESTS,
    disallow: [/^src\/(?!shared\/)/],
    message: "src/shared/ is the bottom layer: it imports nothing else of src/",
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "coverage/**", ".tmp-*"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ["error", "always"],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { palpable },
    rules: { "palpable/boundaries": ["error", { root: import.meta.dirname, boundaries: BOUNDARIES }] },
  },
  {
    files: ["src/web/**/*.tsx", "src/web/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // Tests read loosely typed JSON responses and assert their shape.
    files: ["**/*.test.ts", "test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
