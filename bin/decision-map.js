#!/usr/bin/env node
"use strict";
// The compiled CLI lives in lib/ (npm run build:cli, run by `prepare` on install).
// A reader that stops early (`| head`) closes the pipe: that ends the report, not in a stack trace.
process.stdout.on("error", (e) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(process.exitCode ?? 0);
});
require("../lib/src/cli/main.js")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
