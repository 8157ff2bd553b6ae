// office-addin-mock imports office-addin-manifest only for its OfficeApp names (to recognize a
// mock's `host`); the real package pulls ES-module-only dependencies that jest's CommonJS
// runtime cannot load. This stub stands in for it in tests (moduleNameMapper in jest.config.js).
"use strict";
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
