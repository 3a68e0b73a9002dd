#include "scenario/toml_guard.hpp"

#include <vector>

namespace synack::scenario {

// A small TOML lexer, strict where the library is fragile. It accepts every file a
// person would write (non-ASCII text in string values, comments, keys of ASCII) and
// rejects, with a line number, anything where the library's reading of the text could
// differ from this one: a quote or bracket where no key or value can start, non-ASCII
// characters outside strings and in quoted keys. (Control characters never reach it:
// check_toml_text refuses them anywhere first.)
namespace {

std::optional<ScenarioError> lex(std::string_view s, const std::string& file) {
  enum class In { Normal, Comment, Basic, Literal, MultiBasic, MultiLiteral } in = In::Normal;
  // Outside strings: what may come next. Key: a key may start; InKey: reading one;
  // Value: a value may start; InValue: reading one (a number, date, bool); Done: only
  // a comment or the line's end (after a table header).
  enum class Want { Key, InKey, Value, InValue, Done } want = Want::Key;
  enum class Ctx { Array, Table, Header };
  std::vector<Ctx> open;  // brackets and braces around the current position
  std::vector<int> opened_on;  // the line each of them opened on
  int line = 1;
  bool value = false;     // the string being read is a value (not a key)
  auto starts = [&](size_t i, std::string_view w) { return s.substr(i, w.size()) == w; };
  auto error = [&](const char* what) { return ScenarioError{file, line, what}; };
  auto bare = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      if (in == In::Basic || in == In::Literal)
        return error("a string without its closing quote on its line (a string on several lines is written between \"\"\" and \"\"\")");
      if (in == In::Comment) in = In::Normal;
      if (in == In::Normal) {
        if (!open.empty() && open.back() == Ctx::Header) return error("a table header [..] must end on its line");
        if (!open.empty() && open.back() == Ctx::Table) return error("an inline table { } must end on its line");
        if (open.empty()) {
          if (want == Want::Value) return error("a key with '=' but no value");
          if (want == Want::InKey) return error("a key without '=' and a value");
          want = Want::Key;
        }
      }
      ++line;
      continue;
    }
    switch (in) {
      case In::Normal: {
        if (c == ' ' || c == '\t' || c == '\r') break;
        if (c == '#') {
          if (!open.empty() && open.back() != Ctx::Array) return error("a '#' inside a table header or an inline table");
          in = In::Comment;
          break;
        }
        if (c >= 0x80) return error("a non-ASCII character outside quotes; TOML allows it only in a string or a comment");
        const bool in_header = !open.empty() && open.back() == Ctx::Header;
        if (c == '"' || c == '\'') {
          if (want != Want::Key && want != Want::Value) return error("a quote where no key or value can start");
          value = want == Want::Value;
          const bool triple = starts(i, c == '"' ? "\"\"\"" : "\'\'\'");
          if (triple && !value) return error("a key cannot be a multi-line string");
          in = c == '"' ? (triple ? In::MultiBasic : In::Basic) : (triple ? In::MultiLiteral : In::Literal);
          if (triple) i += 2;
        } else if (c == '[') {
          if (want == Want::Value) {
            open.push_back(Ctx::Array), opened_on.push_back(line);
          } else if (want == Want::Key && open.empty()) {
            open.push_back(Ctx::Header), opened_on.push_back(line);
            if (i + 1 < s.size() && s[i + 1] == '[') ++i;  // [[array of tables]]
          } else {
            return error("a '[' where no array or table header can start");
          }
        } else if (c == '{') {
          if (want != Want::Value) return error("a '{' where no inline table can start");
          open.push_back(Ctx::Table), opened_on.push_back(line);
          want = Want::Key;
        } else if (c == ']' || c == '}') {
          if (open.empty()) return error("a closing bracket with nothing open");
          const Ctx top = open.back();
          if ((c == '}') != (top == Ctx::Table)) return error("brackets that do not match");
          if (top == Ctx::Header) {
            if (want != Want::InKey) return error("a table header without a name");
            if (i + 1 < s.size() && s[i + 1] == ']') ++i;
            open.pop_back(), opened_on.pop_back();
            want = Want::Done;
            break;
          }
          if (top == Ctx::Table && want != Want::InValue && want != Want::Key) return error("an inline table ends too early");
          open.pop_back(), opened_on.pop_back();
          want = Want::InValue;
        } else if (c == ',') {
          if (open.empty() || open.back() == Ctx::Header || (want != Want::InValue && want != Want::Value))
            return error("a ',' outside an array or inline table");
          want = open.back() == Ctx::Array ? Want::Value : Want::Key;
        } else if (c == '.' && (want == Want::InKey)) {
          want = Want::Key;  // a dotted key
        } else if (c == '=') {
          if (want != Want::InKey || in_header) return error("an '=' that does not follow a key");
          want = Want::Value;
        } else if (want == Want::Done) {
          return error("text after a table header");
        } else if (want == Want::Key || want == Want::InKey) {
          if (!bare(c)) return error("a character that cannot be part of a key");
          want = Want::InKey;
        } else {
          // Numbers, booleans, dates and times: ASCII letters, digits and + - . : _
          const bool ok = bare(c) || c == '+' || c == '.' || c == ':';
          if (!ok) return error("a character that cannot be part of a value");
          want = Want::InValue;
        }
        break;
      }
      case In::Comment: break;
      case In::Basic:
      case In::Literal:
        if (in == In::Basic && c == '\\') {
          ++i;
        } else if (c == (in == In::Basic ? '"' : '\'')) {
          in = In::Normal;
          want = value ? Want::InValue : Want::InKey;
        } else if (c >= 0x80 && !value) {
          return error("a non-ASCII character in a quoted key; keys are ASCII here");
        }
        break;
      case In::MultiBasic:
        if (c == '"' && starts(i, "\"\"\"")) {
          i += 2;
          for (int extra = 0; extra < 2 && i + 1 < s.size() && s[i + 1] == '"'; ++extra) ++i;  // quotes ending the content
          in = In::Normal;
          want = Want::InValue;
        } else if (c == '\\') {
          // A line-ending backslash: the whitespace up to the next text is dropped, and
          // the library tests each character there for whitespace.
          size_t j = i + 1;
          while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) ++j;
          if (j < s.size() && s[j] == '\n') {
            while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n')) {
              if (s[j] == '\n') ++line;
              ++j;
            }
            if (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80)
              return error("a line-ending backslash followed by a non-ASCII character; put the text on the same line");
            i = j - 1;
          } else if (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80) {
            // The library tests the character after a backslash for whitespace first.
            return error("a backslash followed by a non-ASCII character; that is not an escape");
          } else {
            ++i;  // an ordinary escape
          }
        }
        break;
      case In::MultiLiteral:
        if (c == '\'' && starts(i, "'''")) {
          i += 2;
          for (int extra = 0; extra < 2 && i + 1 < s.size() && s[i + 1] == '\''; ++extra) ++i;
          in = In::Normal;
          want = Want::InValue;
        }
        break;
    }
  }
  // The end of the text, as the end of a line, and nothing left open.
  if (in == In::Basic || in == In::Literal || in == In::MultiBasic || in == In::MultiLiteral)
    return error("a string that never ends");
  if (!open.empty()) return ScenarioError{file, opened_on.back(), "a bracket or brace that is never closed"};
  if (want == Want::Value) return error("a key with '=' but no value");
  if (want == Want::InKey) return error("a key without '=' and a value");
  return std::nullopt;
}

}  // namespace

std::optional<ScenarioError> check_toml_text(std::string_view s, const std::string& file) {
  // TOML allows no control character but tab (and the line ends, LF or CRLF) anywhere, not even in
  // strings and comments. The library asserts on some (a NUL after "[[", found by
  // fuzz/lesson_fuzz in a build with assertions on) instead of reporting them, so they
  // are reported here with their line.
  // A CR is allowed only as the first half of a CRLF line end (the library asserts on
  // one inside "[[", found by fuzz/scenario_fuzz).
  int line = 1;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') ++line;
    const bool crlf = c == '\r' && i + 1 < s.size() && s[i + 1] == '\n';
    if ((c < 0x20 && c != '\t' && c != '\n' && !crlf) || c == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      const char code[] = {'0', 'x', kHex[c >> 4], kHex[c & 15], '\0'};
      return ScenarioError{file, line, std::string("a control character (byte ") + code +
                                           "); TOML allows none but tab, not even in a string or a comment"};
    }
  }
  // Every file goes through the lexer: besides the non-ASCII cases, the library assumes
  // (TOML_ASSERT_ASSUME: an assert with assertions on, __builtin_assume under clang
  // without) that a key starts where it looks for one, so " [" at a line's end is
  // undefined behaviour in the wasm build (found by fuzz/lesson_fuzz with assertions on).
  return lex(s, file);
}

}  // namespace synack::scenario
