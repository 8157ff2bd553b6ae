/* eslint-disable no-undef */
// Builds the task pane and the ribbon commands (yo-office layout): a deployable dist/ whose
// manifest points at ADDIN_URL, and an HTTPS dev server on localhost:3000 with the Office dev
// certificates. Outside Office the pane loads the .xlsx workbench as a separate chunk.
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
// Where the add-in is hosted in production (must end with "/"): ADDIN_URL=https://… npm run build
const urlProd = process.env.ADDIN_URL ?? "https://localhost:3000/";
// Where people report problems, named on the support page (help.html): ISSUES_URL=https://…
const issuesUrl = process.env.ISSUES_URL ?? "";

/**
 * The manifest for a host: every https://localhost:3000/ address becomes `url` (which ends
 * with "/"), and the AppDomain, an origin without a path, becomes url's origin.
 */
function manifestFor(content, url) {
  const origin = new URL(url).origin;
  return content
    .split(urlDev)
    .join(url)
    .replace(/<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`);
}

async function getHttpsOptions() {
  // Only the dev server needs certificates; requiring it lazily keeps `npm run build` offline.
  const devCerts = require("office-addin-dev-certs");
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (e) {
    // Trusting the CA needs admin rights (sudo on Linux). The certificates are generated
    // before that step, so serve with them anyway and say how to make the browser trust them.
    const fs = require("node:fs");
    const {
      caCertificatePath,
      localhostCertificatePath,
      localhostKeyPath,
    } = require("office-addin-dev-certs/lib/defaults");
    if (!fs.existsSync(localhostCertificatePath)) throw e;
    console.warn(
      `Could not trust the development CA (${e.message.split("\n")[0]}). Serving anyway: Office and browsers will ` +
        "warn about the certificate until you run `npx office-addin-dev-certs install` with admin rights.",
    );
    return {
      ca: fs.readFileSync(caCertificatePath),
      key: fs.readFileSync(localhostKeyPath),
      cert: fs.readFileSync(localhostCertificatePath),
    };
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  if (!dev && !process.env.ADDIN_URL) {
    console.warn("ADDIN_URL is not set: dist/manifest.xml keeps https://localhost:3000/.");
  }
  if (!dev && !issuesUrl) {
    console.warn("ISSUES_URL is not set: the support page (help.html) names no address for reporting problems.");
  }
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      message: "./src/commands/message.ts",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.web.json", onlyCompileBundledFiles: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new HtmlWebpackPlugin({ filename: "message.html", template: "./src/commands/message.html", chunks: ["message"] }),
      // The support page the manifest's SupportUrl and LearnMoreUrl name: static, no script.
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/help/help.html",
        chunks: [],
        inject: false,
        templateParameters: { issuesUrl },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => (dev ? content : manifestFor(content.toString(), urlProd)),
          },
        ],
      }),
    ],
    devServer: serving
      ? {
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await getHttpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
        }
      : undefined,
  };
};

module.exports.manifestFor = manifestFor;
