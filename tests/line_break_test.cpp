// Line breaking for English and Chinese (ui/line_break.hpp), with a fixed-width measure:
// every byte of ASCII is 1 wide, every Chinese character 2.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "line_break.hpp"

using namespace synack::ui;

namespace {

float width_of(std::string_view s) {
  float w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) w += 1;
    else if (c >= 0xE0) w += 2;  // the lead byte of a three-byte (CJK) sequence
  }
  return w;
}

std::vector<std::string> pieces(std::string_view s) {
  std::vector<std::string> out;
  for (const Piece& p : break_pieces(s)) out.push_back(std::string(p.text) + std::string(static_cast<size_t>(p.spaces), '_'));
  return out;
}

}  // namespace

TEST(LineBreak, EnglishBreaksAtSpacesOnly) {
  EXPECT_EQ(pieces("the SYN,ACK  arrives"), (std::vector<std::string>{"the_", "SYN,ACK__", "arrives"}));
  // A run's leading space (after a **bold** run) is kept as a gap.
  EXPECT_EQ(pieces(" and"), (std::vector<std::string>{"_", "and"}));
  EXPECT_EQ(wrap_lines("the client sends a SYN", 10, width_of), (std::vector<std::string>{"the client", "sends a", "SYN"}));
}

TEST(LineBreak, ChineseBreaksBetweenCharactersButNotBeforeClosingPunctuation) {
  EXPECT_EQ(pieces("客户端，发"), (std::vector<std::string>{"客", "户", "端，", "发"}));
  // An opening bracket stays with what follows it.
  EXPECT_EQ(pieces("（三次握手）"), (std::vector<std::string>{"（三", "次", "握", "手）"}));
  // Latin words inside Chinese keep whole, with a break on either side.
  EXPECT_EQ(pieces("发出SYN报文"), (std::vector<std::string>{"发", "出", "SYN", "报", "文"}));
  EXPECT_EQ(pieces("发出 SYN 报文"), (std::vector<std::string>{"发", "出_", "SYN_", "报", "文"}));
}

TEST(LineBreak, AChineseSentenceWrapsWithinTheWidth) {
  // 13 characters, 26 wide, in lines of 10: 5 characters a line (ImGui's own wrapping
  // sees one word, and cuts it anywhere), and the full stop never begins a line.
  const auto lines = wrap_lines("客户端发出第一个报文段。好", 10, width_of);
  EXPECT_EQ(lines, (std::vector<std::string>{"客户端发出", "第一个报文", "段。好"}));
  for (const std::string& l : lines) EXPECT_LE(width_of(l), 10) << l;
  EXPECT_EQ(wrap_lines("三次握手", 100, width_of), (std::vector<std::string>{"三次握手"}));
  EXPECT_EQ(wrap_lines("一\n二", 100, width_of), (std::vector<std::string>{"一", "二"}));
}
