#!/usr/bin/env bash
# Every user-visible string goes through the string table (ui/strings.cpp), so that a
# translation is one new table: no ImGui call in ui/ may be handed an English literal.
# ImGui ids ("##name", window and table ids) are not shown and are allowed.
# usage: ui_strings_check.sh UI_DIR
set -euo pipefail
calls='Text|TextUnformatted|TextDisabled|TextWrapped|TextColored|BulletText|Button|SmallButton|Checkbox|Selectable|MenuItem|BeginTabItem|SliderInt|SliderFloat|ProgressBar|SetTooltip|CollapsingHeader|TreeNode|RadioButton|InputText'
# A literal that starts with a letter, or a format with words in it, as the text argument.
hits=$(grep -nE "ImGui::($calls)\((ImGui::ColorConvert[^,]*, )?\"[^\"#%]*[A-Za-z]{2}" "$1"/*.cpp || true)
if [ -n "$hits" ]; then
  echo "English text handed straight to ImGui (put it in ui/strings.cpp and use tr()):"
  echo "$hits"
  exit 1
fi
echo "no English literal reaches ImGui in $1 ($(grep -cE "tr\(Str::|trf\(Str::" "$1"/*.cpp | awk -F: '{s+=$2} END {print s}') table lookups)"
