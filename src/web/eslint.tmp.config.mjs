import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
export default tseslint.config(
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  reactHooks.configs.flat?.recommended ?? reactHooks.configs["recommended-latest"],
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: "/work/main" } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      eqeqeq: "error",
    },
  },
  { ignores: ["src/web/eslint.tmp.config.mjs"] },
);
