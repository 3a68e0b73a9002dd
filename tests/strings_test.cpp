// The string table in every language: no entry without its Chinese, and each format's
// conversions the same in both (a %d where English has %s would read garbage).
#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <map>
#include <string>

#include "link_state.hpp"
#include "lesson_run.hpp"
#include "strings.hpp"

using namespace synack;
using ui::Lang;
using ui::Str;

namespace {

// Each argument's conversion ("d", "lld", "s", ...) by its position, reading positional
// ("%2$s") and plain specifiers alike; "%%" is no argument.
std::map<int, std::string> conversions(const std::string& f, std::string* error) {
  std::map<int, std::string> out;
  int next = 1;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') continue;
    if (++i >= f.size()) {
      *error = "a lone % at the end";
      break;
    }
    if (f[i] == '%') continue;
    size_t j = i;
    while (j < f.size() && std::isdigit(static_cast<unsigned char>(f[j]))) ++j;
    int arg = next++;
    if (j < f.size() && f[j] == '$' && j > i) {
      arg = std::stoi(f.substr(i, j - i));
      i = j + 1;
    }
    while (i < f.size() && std::strchr("-+ #0.123456789", f[i])) ++i;  // flags, width, precision
    std::string conv;
    while (i < f.size() && std::strchr("hlzjt", f[i])) conv += f[i++];
    if (i < f.size()) conv += f[i];
    out[arg] = conv;
  }
  return out;
}

}  // namespace

TEST(Strings, EveryStringHasItsChinese) {
  int translated = 0;
  for (int i = 0; i < static_cast<int>(Str::Count_); ++i) {
    const Str id = static_cast<Str>(i);
    const char* en = ui::tr(id, Lang::En);
    const char* zh = ui::tr(id, Lang::Zh);
    ASSERT_NE(en, nullptr) << "Str #" << i;
    ASSERT_NE(zh, nullptr) << "Str #" << i << " (\"" << en << "\") has no Chinese";
    EXPECT_EQ(std::string(en).empty(), std::string(zh).empty()) << "Str #" << i << " \"" << en << "\"";
    if (std::string(en) != zh) ++translated;
  }
  // Names that stay as a capture prints them (CLOSED, seq, RFC 9293, |<, ...) are the
  // same in both; everything else is Chinese.
  EXPECT_GE(translated, static_cast<int>(Str::Count_) * 8 / 10);
}

TEST(Strings, FormatsTakeTheSameArgumentsInBothLanguages) {
  for (int i = 0; i < static_cast<int>(Str::Count_); ++i) {
    const Str id = static_cast<Str>(i);
    std::string e1, e2;
    const auto en = conversions(ui::tr(id, Lang::En), &e1);
    const auto zh = conversions(ui::tr(id, Lang::Zh), &e2);
    EXPECT_EQ(en, zh) << "Str #" << i << ": \"" << ui::tr(id, Lang::En) << "\" vs \"" << ui::tr(id, Lang::Zh) << "\"";
    EXPECT_EQ(e1 + e2, "") << "Str #" << i;
  }
}

TEST(Strings, ConversionsAreReadAsPrintfReadsThem) {
  std::string e;
  EXPECT_EQ(conversions("%s of %d, %lld%% %zu %.1f", &e), (std::map<int, std::string>{{1, "s"}, {2, "d"}, {3, "lld"}, {4, "zu"}, {5, "f"}}));
  EXPECT_EQ(conversions("%2$s then %1$d", &e), (std::map<int, std::string>{{1, "d"}, {2, "s"}}));
  EXPECT_NE(conversions("%d", &e), conversions("%s", &e));
}

TEST(Strings, ThePositionalChineseFormatsFillIn) {
  // RuleNextFmt puts the time first in Chinese: glibc's and musl's printf both read n$.
  ui::set_language(Lang::Zh);
  EXPECT_EQ(ui::trf(Str::RuleNextFmt, "drop", "ACK", "client", "1.5 ms"), "1.5 ms 之后：drop client 发出的下一个 ACK");
  ui::set_language(Lang::En);
  EXPECT_EQ(ui::trf(Str::RuleNextFmt, "drop", "ACK", "client", "1.5 ms"), "drop the next ACK from client after 1.5 ms");
}

TEST(Strings, CausesSpeakTheLanguageOnScreen) {
  ui::set_language(Lang::Zh);
  EXPECT_STREQ(ui::tr(tcp::Cause::FinReceived), "收到 FIN");
  ui::set_language(Lang::En);
  EXPECT_STREQ(ui::tr(tcp::Cause::FinReceived), "received FIN");
}

TEST(Language, BrowserAndSystemLocalesMapToALanguage) {
  EXPECT_EQ(ui::parse_lang("zh"), Lang::Zh);
  EXPECT_EQ(ui::parse_lang("zh-CN"), Lang::Zh);
  EXPECT_EQ(ui::parse_lang("zh-TW"), Lang::Zh);
  EXPECT_EQ(ui::parse_lang("zh_CN.UTF-8"), Lang::Zh);
  EXPECT_EQ(ui::parse_lang("en-US"), Lang::En);
  EXPECT_EQ(ui::parse_lang("zhx"), std::nullopt);
  EXPECT_EQ(ui::parse_lang("fr-FR"), std::nullopt);
  EXPECT_EQ(ui::parse_lang(""), std::nullopt);
}

TEST(Language, ALinkKeepsTheLanguage) {
  ui::LinkState s = ui::parse_link("#lesson=01-handshake&step=3&lang=zh");
  EXPECT_EQ(s.lang, "zh");
  EXPECT_EQ(ui::format_link(s), "lesson=01-handshake&step=3&lang=zh");
  EXPECT_EQ(ui::parse_link("scenario=handshake&t=2&lang=fr").lang, "");
  s = ui::parse_link("scenario=handshake&t=2&lang=en");
  EXPECT_EQ(ui::format_link(s), "scenario=handshake&t=2&lang=en");
}

TEST(Language, IsRememberedWithTheProgress) {
  ui::Progress p = ui::parse_progress("01-handshake 3\n");
  EXPECT_EQ(ui::progress_lang(p), "");
  ui::set_progress_lang(p, "zh");
  ui::set_progress_lang(p, "zh");
  const ui::Progress back = ui::parse_progress(ui::serialize_progress(p));
  EXPECT_EQ(ui::progress_lang(back), "zh");
  EXPECT_EQ(back.at("01-handshake"), 3);
  EXPECT_EQ(back.size(), 2u);
  ui::set_progress_lang(p, "en");
  EXPECT_EQ(ui::progress_lang(p), "en");
  EXPECT_EQ(p.size(), 2u);
}
