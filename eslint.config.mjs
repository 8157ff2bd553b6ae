// office-addin-lint's own configuration (eslint-plugin-office-addins' recommended rules), plus
// what TypeScript already checks: tsc reports undefined names and unused locals (noUnusedLocals),
// so no-undef and the base no-unused-vars (which misreads parameter names in type signatures)
// are off for TypeScript files.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["dist/**", "lib/**", "node_modules/**", "coverage/**"] },
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: { "no-undef": "off", "no-unused-vars": "off" },
  },
];
