#!/usr/bin/env bash
# Refreshes docs/screenshots/columns-decision-map.png and blocks-decision-map.png: the small
# metrics-as-columns and label / value workbooks of scripts/layout-fixtures.js after an audit
# with a few answers, as LibreOffice renders the audited sheet. Needs the CLI built
# (npm run build:cli) and Debian's libreoffice-calc-nogui and poppler-utils
# (apt-get install -y libreoffice-calc-nogui poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node scripts/layout-fixtures.js "$work" > /dev/null

# A few answers, so the picture shows each verdict: one decision-ready, one incomplete, the rest vanity.
cat > "$work/columns-answers.csv" <<'CSV'
metric,owner,threshold,lever
MRR ($),Priya Shah,below $200k,approve discounts up to 15% on renewals this quarter
Churn %,Dana Lee,,authorize up to $10k in credits
CSV
cat > "$work/blocks-answers.csv" <<'CSV'
metric,owner,threshold,lever
Reduce ticket backlog,Kai Chen,> 250,move up to 2 engineers to support for 2 weeks
CSV

shoot() { # fixture sheet answers band-height-px
  node bin/decision-map.js audit "$work/$1.xlsx" --sheet "$2" --answers "$work/$3" --out "$work/$1.out.xlsx" > /dev/null
  # A print view of our output: only the audited sheet, landscape, one page. The output itself is not changed.
  node -e '
const ExcelJS = require("exceljs");
(async () => {
  const [file, sheet, view] = process.argv.slice(1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) if (ws.name !== sheet) ws.state = "hidden";
  const ws = wb.getWorksheet(sheet);
  wb.views = [{ activeTab: wb.worksheets.indexOf(ws) }];
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 1,
    margins: { left: 0.2, right: 0.2, top: 0.2, bottom: 0.2, header: 0, footer: 0 } };
  await wb.xlsx.writeFile(view);
})();' "$work/$1.out.xlsx" "$2" "$work/$1.view.xlsx"
  (cd "$work" && soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf "$1.view.xlsx" > /dev/null 2>&1)
  # The printed sheet fills the top of the landscape page: keep that band.
  pdftoppm -r 150 -png -f 1 -l 1 -singlefile -x 0 -y 0 -W 1650 -H "$4" "$work/$1.view.pdf" "docs/screenshots/$1-decision-map"
  echo "wrote docs/screenshots/$1-decision-map.png"
}
shoot columns Monthly columns-answers.csv 520
shoot blocks Goal blocks-answers.csv 560
