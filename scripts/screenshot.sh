#!/usr/bin/env bash
# Refreshes docs/screenshots/sample-decision-map.png: the sample dashboard after `npm run demo`,
# as LibreOffice prints it (the only spreadsheet renderer on these machines). Needs Debian's
# libreoffice-calc-nogui and poppler-utils: apt-get install -y libreoffice-calc-nogui poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent demo > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A print view of our own output: landscape, one page wide, Feb-Nov hidden so the governance
# columns fit beside the metric names. The demo output itself is not changed.
node -e '
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  for (const ws of wb.worksheets) if (ws.name !== "Dashboard") ws.state = "hidden";
  const ws = wb.getWorksheet("Dashboard");
  for (let c = 3; c <= 12; c++) ws.getColumn(c).hidden = true;
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 1, printArea: "A1:S21",
    margins: { left: 0.2, right: 0.2, top: 0.2, bottom: 0.2, header: 0, footer: 0 } };
  await wb.xlsx.writeFile(process.argv[2]);
})();' assets/sample-kpi-dashboard.decision-map.xlsx "$work/view.xlsx"
(cd "$work" && soffice --headless --convert-to pdf view.xlsx > /dev/null 2>&1)
# The printed table fills the top of the landscape page: keep that band.
pdftoppm -r 150 -png -f 1 -l 1 -singlefile -x 0 -y 0 -W 1500 -H 330 "$work/view.pdf" "$work/page"
if command -v convert > /dev/null && convert -version 2>/dev/null | grep -q ImageMagick; then
  convert "$work/page.png" -trim -bordercolor white -border 16 docs/screenshots/sample-decision-map.png
else
  cp "$work/page.png" docs/screenshots/sample-decision-map.png
fi
echo "wrote docs/screenshots/sample-decision-map.png"
