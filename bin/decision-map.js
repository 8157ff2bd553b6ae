#!/usr/bin/env node
"use strict";
// The compiled CLI lives in lib/ (npm run build:cli, run by `prepare` on install).
require("../lib/src/cli/main.js").main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
