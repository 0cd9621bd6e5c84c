#!/usr/bin/env bash
# Renders page 1 of every document of the example year as a PNG in docs/images/, for the README.
# Needs poppler-utils (pdftoppm). Run after `npm install`: bash scripts/page-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
node bin/jixiao.js build content --out "$out" --format pdf >/dev/null
mkdir -p docs/images
render() { # <pdf name pattern> <image name>
  local pdf
  pdf=$(find "$out" -name "$1" | head -n 1)
  [ -n "$pdf" ] || { echo "missing $1" >&2; exit 1; }
  pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$pdf" "docs/images/$2"
  echo "docs/images/$2.png"
}
render '*部门整体绩效自评报告.pdf' self-evaluation-report
render '*部门预算项目绩效自评表（汇总）.pdf' project-self-evaluation-consolidated
render '*龙岗区民政局项目支出绩效自评表.pdf' project-national
render '*部门整体支出绩效目标表.pdf' goal-table
render '*(汇总)部门整体支出绩效目标申报表.pdf' goal-declaration
# Region packs (templates/<pack>/): their example units in content/2023/.
render '*重庆市示例区民政局部门整体绩效自评表.pdf' chongqing-unit-self-evaluation
render '*四川省示例县民政局部门整体支出绩效评价得分表.pdf' county-2013-unit-score-table
render '*城乡低保资金发放项目支出绩效自评表.pdf' sichuan-project-self-evaluation
render '*民政局整体绩效目标表.pdf' hunan-goal-table
render '*公共文化服务补助项目支出绩效自评表.pdf' national-project-self-evaluation
render '*湖北省示例县民政局部门整体支出绩效目标申报表.pdf' hubei-goal-declaration
