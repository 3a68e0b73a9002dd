// A lesson's translation: its text in another language, laid over the lesson's own
// (lessons/zh/NAME.toml over lessons/NAME.toml). Everything that runs (stops, checks,
// answers, scenarios) stays in the lesson file, so a translation can never make a step
// stop elsewhere or a question take another answer.
#include "lesson/lesson.hpp"

#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <algorithm>

#include "scenario/toml_guard.hpp"
#include "scenario/toml_reader.hpp"

namespace synack::lesson {

using scenario::line_of;

StepText step_text(const Step& s) {
  StepText t;
  t.title = s.title;
  t.text = s.text;
  if (s.question) {
    t.prompt = s.question->prompt;
    t.explain = s.question->explain;
    t.choices = s.question->choices;
    t.feedback = s.question->feedback;
    t.order = s.question->order;
  }
  if (s.try_it) t.try_text = s.try_it->text;
  if (s.beside) {
    t.beside_label = s.beside->label;
    t.beside_this_label = s.beside->this_label;
  }
  return t;
}

namespace {

void show(Step& s, const StepText& t) {
  s.title = t.title;
  s.text = t.text;
  if (s.question) {
    s.question->prompt = t.prompt;
    s.question->explain = t.explain;
    s.question->choices = t.choices;
    s.question->feedback = t.feedback;
    s.question->order = t.order;
  }
  if (s.try_it) s.try_it->text = t.try_text;
  if (s.beside) {
    s.beside->label = t.beside_label;
    s.beside->this_label = t.beside_this_label;
  }
}

// Reads one table of a translation: the text keys it may hold, the lesson's other keys
// refused by name (they belong to the lesson file), anything else refused as unknown.
class TextReader {
 public:
  TextReader(const toml::table& t, std::string where, const std::string& file, const std::string& lesson_file,
             std::optional<ScenarioError>& error, std::vector<std::string>& warnings)
      : t_(t), where_(std::move(where)), file_(file), lesson_file_(lesson_file), error_(error), warnings_(warnings) {
    line_ = t.source().begin.line ? static_cast<int>(t.source().begin.line) : 1;
  }
  int line() const { return line_; }
  bool ok() const { return !error_; }

  void fail(int line, const std::string& message) {
    if (!error_) error_ = ScenarioError{file_, line, message};
  }
  // Refuses the lesson's own keys (`not_text`) and any key outside `text` and `not_text`.
  void check_keys(const std::vector<std::string>& text, const std::vector<std::string>& not_text) {
    for (const auto& [k, v] : t_) {
      const std::string key(k.str());
      if (std::find(not_text.begin(), not_text.end(), key) != not_text.end())
        return fail(line_of(v), "a translation holds text only; '" + key + "' belongs in " + lesson_file_);
      if (std::find(text.begin(), text.end(), key) == text.end()) {
        std::string expected;
        for (const std::string& e : text) expected += (expected.empty() ? "" : ", ") + e;
        return fail(line_of(v), "unknown key '" + key + "' in " + where_ + "; a translation holds only " + expected);
      }
    }
  }
  // A string key: laid over `out` when present; when absent and the lesson has words
  // there, a warning (the lesson's own words are shown).
  void str(const char* key, std::string& out) {
    const toml::node* n = t_.get(key);
    if (!n) return missing(key, !out.empty());
    if (auto v = n->value<std::string>()) out = *v;
    else fail(line_of(*n), "'" + std::string(key) + "' in " + where_ + " must be a string");
  }
  // A list of strings, which must have as many entries as the lesson's (`what`: "goals").
  void list(const char* key, const char* what, std::vector<std::string>& out) {
    const toml::node* n = t_.get(key);
    if (!n) return missing(key, !out.empty());
    const toml::array* a = n->as_array();
    std::vector<std::string> got;
    if (a)
      for (const toml::node& e : *a) {
        if (auto v = e.value<std::string>()) got.push_back(*v);
        else a = nullptr;
      }
    if (!a) return fail(line_of(*n), "'" + std::string(key) + "' in " + where_ + " must be a list of strings");
    if (got.size() != out.size())
      return fail(line_of(*n), (where_.rfind("[[step]]", 0) == 0 ? where_ + ": " : std::string()) + "the translation has " +
                                   std::to_string(got.size()) + " " + what + ", " + lesson_file_ + " has " +
                                   std::to_string(out.size()));
    out = std::move(got);
  }
  const toml::table* table(const char* key, bool lesson_has, const std::string& what) {
    const toml::node* n = t_.get(key);
    if (!n) {
      if (lesson_has) missing(key, true);
      return nullptr;
    }
    const toml::table* t = n->as_table();
    if (!t) fail(line_of(*n), "'" + std::string(key) + "' in " + where_ + " must be a table");
    else if (!lesson_has)
      fail(line_of(*n), where_ + ": the translation has " + what + ", " + lesson_file_ + "'s step has none");
    return lesson_has ? t : nullptr;
  }

 private:
  void missing(const char* key, bool lesson_has_words) {
    if (!lesson_has_words || error_) return;
    warnings_.push_back(file_ + ":" + std::to_string(line_) + ": warning: " + where_ + " has no '" + key +
                        "'; the lesson's own words are shown");
  }
  const toml::table& t_;
  std::string where_;
  const std::string& file_;
  const std::string& lesson_file_;
  std::optional<ScenarioError>& error_;
  std::vector<std::string>& warnings_;
  int line_ = 1;
};

}  // namespace

bool looks_like_translation(std::string_view toml_text) {
  toml::parse_result parsed = toml::parse(toml_text);
  return parsed && parsed.table().contains("step") && !parsed.table().contains("scenario");
}

std::string translation_path(const std::string& lesson_file, const std::string& lang) {
  const size_t slash = lesson_file.find_last_of('/');
  if (slash == std::string::npos) return lang + "/" + lesson_file;
  return lesson_file.substr(0, slash + 1) + lang + "/" + lesson_file.substr(slash + 1);
}

bool use_language(Lesson& l, const std::string& lang) {
  if (l.texts.empty()) return lang == l.lang;
  const auto it = std::find_if(l.texts.begin(), l.texts.end(), [&](const LessonText& t) { return t.lang == lang; });
  const LessonText& t = it == l.texts.end() ? l.texts.front() : *it;
  l.title = t.title;
  l.goals = t.goals;
  for (size_t i = 0; i < l.steps.size() && i < t.steps.size(); ++i) show(l.steps[i], t.steps[i]);
  return it != l.texts.end();
}

std::optional<ScenarioError> add_translation(Lesson& l, std::string_view toml_text, const std::string& file_name,
                                             const std::string& lang, std::vector<std::string>& warnings) {
  if (auto e = scenario::check_toml_text(toml_text, file_name)) return e;
  toml::parse_result parsed = toml::parse(toml_text, file_name);
  if (!parsed) {
    const toml::parse_error& e = parsed.error();
    return ScenarioError{file_name, static_cast<int>(e.source().begin.line), "TOML syntax: " + std::string(e.description())};
  }
  if (l.texts.empty()) return ScenarioError{file_name, 1, "a translation of a lesson that was not parsed"};
  if (lang == l.lang)
    return ScenarioError{file_name, 1, "a translation into \"" + lang + "\" of " + l.file + ", which is written in \"" +
                                           l.lang + "\" itself"};
  // Start from the lesson's own words: a key the translation lacks shows them.
  LessonText out = l.texts.front();
  out.lang = lang;
  std::optional<ScenarioError> error;
  std::vector<std::string> said;
  const toml::table& root = parsed.table();
  TextReader top(root, "the translation", file_name, l.file, error, said);
  top.check_keys({"title", "goals", "step"}, {"level", "teaches", "scenario", "lang"});
  top.str("title", out.title);
  if (!l.goals.empty() || root.contains("goals")) top.list("goals", "goals", out.goals);
  const toml::node* stn = root.get("step");
  const toml::array* steps = stn ? stn->as_array() : nullptr;
  if (error) return error;
  const size_t n = steps ? steps->size() : 0;
  if (n != l.steps.size())
    return ScenarioError{file_name, stn ? line_of(*stn) : 1,
                         "the translation has " + std::to_string(n) + " [[step]] tables, " + l.file + " has " +
                             std::to_string(l.steps.size())};
  for (size_t i = 0; i < n && !error; ++i) {
    const Step& st = l.steps[i];
    StepText& t = out.steps[i];
    const std::string where = "[[step]] #" + std::to_string(i + 1);
    const toml::table* tt = (*steps)[i].as_table();
    if (!tt) return ScenarioError{file_name, line_of((*steps)[i]), "each [[step]] must be a table"};
    TextReader r(*tt, where, file_name, l.file, error, said);
    r.check_keys({"title", "text", "question", "try", "beside"}, {"stop", "highlight", "shows", "check"});
    r.str("title", t.title);
    r.str("text", t.text);
    if (const toml::table* q = r.table("question", st.question.has_value(), "a question")) {
      TextReader qr(*q, where + " question", file_name, l.file, error, said);
      qr.check_keys({"prompt", "choices", "feedback", "explain", "order"}, {"answer", "number"});
      qr.str("prompt", t.prompt);
      if (!st.question->choices.empty() || q->contains("choices")) qr.list("choices", "choices", t.choices);
      if (!st.question->feedback.empty() || q->contains("feedback")) qr.list("feedback", "feedback entries", t.feedback);
      if (!st.question->order.empty() || q->contains("order")) qr.list("order", "items in 'order'", t.order);
      if (!st.question->explain.empty() || q->contains("explain")) qr.str("explain", t.explain);
    }
    if (const toml::table* tr = r.table("try", st.try_it.has_value(), "a try")) {
      TextReader trr(*tr, where + " try", file_name, l.file, error, said);
      trr.check_keys({"text"}, {"scenario", "scenario_file"});
      trr.str("text", t.try_text);
    }
    if (const toml::table* b = r.table("beside", st.beside.has_value(), "a beside")) {
      TextReader br(*b, where + " beside", file_name, l.file, error, said);
      br.check_keys({"label", "this_label"}, {"scenario", "scenario_file"});
      // The labels default to the runs' names, which need no translation: no warning.
      if (b->contains("label")) br.str("label", t.beside_label);
      if (b->contains("this_label")) br.str("this_label", t.beside_this_label);
    }
  }
  if (error) return error;
  warnings.insert(warnings.end(), said.begin(), said.end());
  l.texts.erase(std::remove_if(l.texts.begin() + 1, l.texts.end(), [&](const LessonText& t) { return t.lang == lang; }),
                l.texts.end());
  l.texts.push_back(std::move(out));
  return std::nullopt;
}

}  // namespace synack::lesson
