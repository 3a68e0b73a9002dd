#include "markup.hpp"

namespace synack::ui {

namespace {

// Splits one block's text into runs at ** and ` markers. An unmatched marker is text.
std::vector<Run> parse_runs(const std::string& s) {
  std::vector<Run> runs;
  Run cur;
  auto flush = [&] {
    if (!cur.text.empty()) runs.push_back(cur);
    cur.text.clear();
  };
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 2, "**") == 0 && (cur.style == Run::Style::Plain || cur.style == Run::Style::Bold)) {
      const size_t close = s.find("**", i + 2);
      if (cur.style == Run::Style::Bold || close != std::string::npos) {
        flush();
        cur.style = cur.style == Run::Style::Bold ? Run::Style::Plain : Run::Style::Bold;
        i += 2;
        continue;
      }
    }
    if (s[i] == '*' && (cur.style == Run::Style::Plain || cur.style == Run::Style::Emphasis)) {
      // As in Markdown: *word* emphasises, while "2 * 3" is arithmetic.
      auto closes_later = [&] {
        if (i + 1 >= s.size() || s[i + 1] == ' ') return false;
        for (size_t j = i + 2; j < s.size(); ++j)
          if (s[j] == '*' && s[j - 1] != ' ') return true;
        return false;
      };
      if ((cur.style == Run::Style::Emphasis && i > 0 && s[i - 1] != ' ') ||
          (cur.style == Run::Style::Plain && closes_later())) {
        flush();
        cur.style = cur.style == Run::Style::Emphasis ? Run::Style::Plain : Run::Style::Emphasis;
        ++i;
        continue;
      }
    }
    if (s[i] == '`' && (cur.style == Run::Style::Plain || cur.style == Run::Style::Code)) {
      if (cur.style == Run::Style::Code || s.find('`', i + 1) != std::string::npos) {
        flush();
        cur.style = cur.style == Run::Style::Code ? Run::Style::Plain : Run::Style::Code;
        ++i;
        continue;
      }
    }
    cur.text += s[i++];
  }
  flush();
  return runs;
}

}  // namespace

std::vector<Block> parse_markup(const std::string& text) {
  std::vector<Block> blocks;
  std::string para;
  auto end_para = [&] {
    if (!para.empty()) blocks.push_back(Block{false, parse_runs(para)});
    para.clear();
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(start, nl - start);
    start = nl + 1;
    const size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos) {
      end_para();
      continue;
    }
    line = line.substr(first);
    if (line.rfind("- ", 0) == 0) {
      end_para();
      blocks.push_back(Block{true, parse_runs(line.substr(2))});
    } else if (!blocks.empty() && blocks.back().list_item && para.empty() && first >= 2) {
      // An indented continuation of a list item.
      auto more = parse_runs(" " + line);
      blocks.back().runs.insert(blocks.back().runs.end(), more.begin(), more.end());
    } else {
      para += (para.empty() ? "" : " ") + line;
    }
  }
  end_para();
  return blocks;
}

}  // namespace synack::ui
