// ESLint flat config: rules that catch bugs, none about layout (Prettier owns formatting, and
// eslint-config-prettier, last, switches off anything that could disagree with it).
// Layers: ESLint's recommended rules; Next's (eslint-config-next/core-web-vitals: @next/next, react,
// react-hooks including the React Compiler checks, jsx-a11y, import); typescript-eslint's type-aware
// recommended rules for TypeScript files; then the few choices this project makes, each with its reason.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import prettier from "eslint-config-prettier/flat";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores([
    ".next/**",
    ".data/**",
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
    "next-env.d.ts",
  ]),
  js.configs.recommended,
  ...nextCoreWebVitals,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its errors; `void` marks the ones that are fire-and-forget on purpose.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Off: an `async` function without `await` is how this code implements Promise-returning interfaces
      // (next-auth callbacks, Next's headers(), the rate limiter, search engine getters), and `async` turns
      // a throw into a rejection; dropping it to please the rule would change behaviour.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["tests/**", "e2e/**"],
    rules: {
      // Off in tests: Vitest's asymmetric matchers (expect.any, expect.objectContaining, ...) are typed `any`,
      // so every `toEqual({ id: expect.any(String) })` would be reported.
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  prettier,
]);
