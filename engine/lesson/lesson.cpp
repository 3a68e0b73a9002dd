#include "lesson/lesson.hpp"

#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <algorithm>

#include "scenario/toml_guard.hpp"
#include "scenario/toml_reader.hpp"
#include "tcp/state.hpp"

namespace synack::lesson {

using scenario::line_of;
using scenario::Reader;

std::string Stop::describe() const {
  const std::string nth_s = nth > 1 ? "the " + std::to_string(nth) + "th " : "";
  switch (kind) {
    case Kind::Time: return "time " + std::to_string(at_ns / 1000000) + " ms";
    case Kind::State: return nth_s + (host.empty() ? "a host" : host) + " entering " + state;
    case Kind::Segment:
      return nth_s + std::string(retransmission ? "retransmitted " : "") + link::to_string(flags) + " segment" +
             (host.empty() ? "" : " from " + host);
    case Kind::Timer: return nth_s + timer + " timer firing" + (host.empty() ? "" : " on " + host);
    case Kind::Drop: return nth_s + "segment dropped";
    case Kind::End: return "the end of the scenario";
  }
  return "?";
}

namespace {

bool is_state_name(const std::string& s) {
  for (int i = 0; i <= static_cast<int>(tcp::State::TimeWait); ++i)
    if (s == tcp::to_string(static_cast<tcp::State>(i))) return true;
  return false;
}

std::string state_names() {
  std::string out;
  for (int i = 0; i <= static_cast<int>(tcp::State::TimeWait); ++i)
    out += (i ? ", " : "") + std::string(tcp::to_string(static_cast<tcp::State>(i)));
  return out;
}

bool known_host(const scenario::Scenario& s, const std::string& name) {
  return std::any_of(s.hosts.begin(), s.hosts.end(), [&](const auto& h) { return h.config.name == name; });
}

std::optional<std::vector<std::string>> strings(Reader& r, const char* key) {
  const toml::node* n = r.get(key);
  if (!n) return std::nullopt;
  const toml::array* a = n->as_array();
  std::vector<std::string> out;
  if (a) {
    for (const toml::node& e : *a) {
      if (auto v = e.value<std::string>()) out.push_back(*v);
      else a = nullptr;
    }
  }
  if (!a) {
    r.fail(*n, std::string("'") + key + "' must be a list of strings, e.g. [\"one\", \"two\"]");
    return std::nullopt;
  }
  return out;
}

bool valid_t_number(const std::string& t) {
  if (t.size() < 2 || t[0] != 'T') return false;
  if (!std::all_of(t.begin() + 1, t.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  const int n = std::atoi(t.c_str() + 1);
  return n >= 1 && n <= kTeachingPoints && t == "T" + std::to_string(n);
}

void read_stop(Reader& r, const scenario::Scenario& sc, Stop& stop) {
  int kinds = 0;
  if (auto v = r.duration("at")) {
    stop.kind = Stop::Kind::Time;
    stop.at_ns = v->ns;
    ++kinds;
  }
  if (auto v = r.str("state")) {
    if (!is_state_name(*v)) r.fail(*r.get("state"), "'state' must be one of " + state_names() + "; got \"" + *v + "\"");
    stop.kind = Stop::Kind::State;
    stop.state = *v;
    ++kinds;
  }
  if (auto v = r.str("segment")) {
    auto m = link::parse_flag_match(*v);
    if (!m) r.fail(*r.get("segment"), "'segment' must be one of any, syn, syn-ack, ack, data, fin, rst; got \"" + *v + "\"");
    else stop.flags = *m;
    stop.kind = Stop::Kind::Segment;
    ++kinds;
  }
  if (auto v = r.str("timer")) {
    stop.kind = Stop::Kind::Timer;
    stop.timer = *v;
    ++kinds;
  }
  if (auto v = r.boolean("drop"); v && *v) {
    stop.kind = Stop::Kind::Drop;
    ++kinds;
  }
  if (auto v = r.boolean("end"); v && *v) {
    stop.kind = Stop::Kind::End;
    ++kinds;
  }
  if (auto v = r.str("host")) {
    if (!known_host(sc, *v)) r.fail(*r.get("host"), "'host' in the stop names no host of the scenario: \"" + *v + "\"");
    stop.host = *v;
  }
  if (auto v = r.str("from")) {
    if (!known_host(sc, *v)) r.fail(*r.get("from"), "'from' in the stop names no host of the scenario: \"" + *v + "\"");
    stop.host = *v;
  }
  if (auto v = r.boolean("retransmission")) stop.retransmission = *v;
  if (auto v = r.integer("nth", 1, 100000)) stop.nth = static_cast<int>(*v);
  if (auto v = r.str("moment")) {
    if (*v == "leaves") stop.moment = Stop::Moment::Leaves;
    else if (*v == "midway") stop.moment = Stop::Moment::Midway;
    else if (*v == "arrives") stop.moment = Stop::Moment::Arrives;
    else r.fail(*r.get("moment"), "'moment' must be \"leaves\", \"midway\" or \"arrives\"; got \"" + *v + "\"");
  }
  r.check_unknown("at, state, segment, timer, drop, end, host, from, retransmission, nth, moment");
  if (!r.error && kinds != 1)
    r.fail_here("a stop needs exactly one of: at = \"1.5s\", state = \"SYN-RECEIVED\", segment = \"syn-ack\", "
                "timer = \"RTO\", drop = true, end = true");
  if (!r.error && stop.kind == Stop::Kind::State && stop.host.empty())
    r.fail_here("a state stop needs the host, e.g. { state = \"" + stop.state + "\", host = \"server\" }");
}

void read_check(Reader& r, const scenario::Scenario& sc, Check& c, const std::string& file) {
  if (const toml::table* t = r.table("states")) {
    for (const auto& [k, v] : *t) {
      const std::string host(k.str());
      auto state = v.value<std::string>();
      if (!known_host(sc, host)) r.fail(v, "'check.states' names no host of the scenario: \"" + host + "\"");
      else if (!state || !is_state_name(*state))
        r.fail(v, "'check.states." + host + "' must be one of " + state_names());
      else c.states.emplace_back(host, *state);
    }
  }
  if (auto v = r.integer("segments", 0, 1000000)) c.segments = static_cast<int>(*v);
  if (auto v = r.integer("drops", 0, 1000000)) c.drops = static_cast<int>(*v);
  r.check_unknown("states, segments, drops");
  (void)file;
}

}  // namespace

Result<Lesson, ScenarioError> parse_lesson(std::string_view toml_text, const std::string& file_name,
                                           const ScenarioSource& scenarios) {
  if (auto e = scenario::check_toml_text(toml_text, file_name)) return Err(*e);
  toml::parse_result parsed = toml::parse(toml_text, file_name);
  if (!parsed) {
    const toml::parse_error& e = parsed.error();
    return Err(ScenarioError{file_name, static_cast<int>(e.source().begin.line),
                             "TOML syntax: " + std::string(e.description())});
  }
  const toml::table& root = parsed.table();
  Lesson l;
  l.file = file_name;
  {
    const size_t slash = file_name.find_last_of('/');
    const std::string base = slash == std::string::npos ? file_name : file_name.substr(slash + 1);
    l.id = base.substr(0, base.rfind(".toml"));
  }
  Reader top(root, "the lesson", file_name, 1);
  if (auto v = top.str("title")) l.title = *v;
  else top.fail_here("a lesson needs a title, e.g. title = \"The three-way handshake\"");
  if (auto v = top.str("level")) l.level = *v;
  if (auto v = strings(top, "goals")) l.goals = *v;
  std::vector<std::string> declared;
  if (auto v = strings(top, "teaches")) declared = *v;
  for (const std::string& t : declared)
    if (!valid_t_number(t))
      top.fail(*top.get("teaches"), "'teaches' holds teaching points T1 to T" + std::to_string(kTeachingPoints) +
                                        "; got \"" + t + "\"");
  if (top.error) return Err(*top.error);

  // The scenario: by id, or inline as a [scenario] table.
  const toml::node* sn = top.get("scenario");
  if (!sn) return Err(ScenarioError{file_name, 1, "a lesson needs a scenario: scenario = \"handshake\" or a [scenario] table"});
  if (auto id = sn->value<std::string>()) {
    auto text = scenarios(*id);
    if (!text) return Err(ScenarioError{file_name, line_of(*sn), "no scenario named \"" + *id + "\" (scenarios/" + *id + ".toml)"});
    auto s = scenario::parse_scenario(*text, "scenarios/" + *id + ".toml");
    if (!s) return Err(s.error());
    l.scenario_id = *id;
    l.scenario = std::move(*s);
  } else if (const toml::table* t = sn->as_table()) {
    auto s = scenario::parse_scenario_table(*t, file_name, "[scenario]");
    if (!s) return Err(s.error());
    l.scenario = std::move(*s);
  } else {
    return Err(ScenarioError{file_name, line_of(*sn), "'scenario' must be a scenario id (a string) or a [scenario] table"});
  }

  const toml::node* stn = top.get("step");
  const toml::array* steps = stn ? stn->as_array() : nullptr;
  if (!steps || steps->empty())
    return Err(ScenarioError{file_name, stn ? line_of(*stn) : 1, "a lesson needs at least one [[step]]"});
  int index = 0;
  for (const toml::node& n : *steps) {
    ++index;
    const toml::table* t = n.as_table();
    const std::string where = "[[step]] #" + std::to_string(index);
    if (!t) return Err(ScenarioError{file_name, line_of(n), "each [[step]] must be a table"});
    Reader r(*t, where, file_name, line_of(n));
    Step st;
    st.line = r.line();
    if (auto v = r.str("title")) st.title = *v;
    if (auto v = r.str("text")) st.text = *v;
    else r.fail_here(where + " needs text, the narrative shown at its stop");
    if (const toml::table* s = r.table("stop")) {
      Reader sr(*s, where + " stop", file_name, r.line());
      read_stop(sr, l.scenario, st.stop);
      if (sr.error) return Err(*sr.error);
    } else if (!r.error) {
      r.fail_here(where + " needs a stop, e.g. stop = { state = \"SYN-RECEIVED\", host = \"server\" }");
    }
    if (auto v = strings(r, "highlight")) {
      for (const std::string& h : *v) {
        const bool ok = h == "segment" || h == "machines" || h == "connections" || h.rfind("field:", 0) == 0 ||
                        ((h.rfind("state:", 0) == 0 || h.rfind("timers:", 0) == 0) &&
                         known_host(l.scenario, h.substr(h.find(':') + 1)));
        if (!ok)
          r.fail(*r.get("highlight"), where + ": highlight \"" + h +
                                          "\" must be \"segment\", \"machines\", \"connections\", \"state:HOST\", \"timers:HOST\" or \"field:NAME\"");
      }
      st.highlight = *v;
    }
    if (auto v = strings(r, "shows")) {
      for (const std::string& tn : *v)
        if (!valid_t_number(tn))
          r.fail(*r.get("shows"), where + ": 'shows' holds teaching points T1 to T19; got \"" + tn + "\"");
        else if (std::find(declared.begin(), declared.end(), tn) == declared.end())
          r.fail(*r.get("shows"), where + " shows " + tn + ", which the lesson's 'teaches' does not list");
      st.shows = *v;
    }
    if (const toml::table* q = r.table("question")) {
      Reader qr(*q, where + " question", file_name, r.line());
      Question question;
      if (auto v = qr.str("prompt")) question.prompt = *v;
      else qr.fail_here(where + ": a question needs a prompt");
      if (auto v = strings(qr, "choices")) question.choices = *v;
      if (question.choices.size() < 2 && !qr.error) qr.fail_here(where + ": a question needs at least two choices");
      if (auto v = qr.integer("answer", 1, static_cast<int64_t>(std::max<size_t>(1, question.choices.size()))))
        question.answer = static_cast<int>(*v) - 1;
      else if (!qr.error) qr.fail_here(where + ": a question needs answer = N, the 1-based index of the right choice");
      if (auto v = qr.str("explain")) question.explain = *v;
      qr.check_unknown("prompt, choices, answer, explain");
      if (qr.error) return Err(*qr.error);
      st.question = std::move(question);
    }
    if (const toml::table* tt = r.table("try")) {
      Reader tr(*tt, where + " try", file_name, r.line());
      TryIt ti;
      if (auto v = tr.str("text")) ti.text = *v;
      else tr.fail_here(where + ": 'try' needs text telling the learner what to look for");
      if (auto v = tr.str("scenario")) {
        if (!scenarios(*v)) tr.fail(*tr.get("scenario"), where + ": no scenario named \"" + *v + "\" to try");
        ti.scenario = *v;
      } else {
        tr.fail_here(where + ": 'try' needs scenario = \"ID\", the variant to run");
      }
      tr.check_unknown("text, scenario");
      if (tr.error) return Err(*tr.error);
      st.try_it = std::move(ti);
    }
    if (const toml::table* c = r.table("check")) {
      Reader cr(*c, where + " check", file_name, r.line());
      read_check(cr, l.scenario, st.check, file_name);
      if (cr.error) return Err(*cr.error);
    }
    r.check_unknown("title, text, stop, highlight, shows, question, try, check");
    if (r.error) return Err(*r.error);
    l.steps.push_back(std::move(st));
  }
  for (const std::string& t : declared) {
    const bool shown = std::any_of(l.steps.begin(), l.steps.end(), [&](const Step& s) {
      return std::find(s.shows.begin(), s.shows.end(), t) != s.shows.end();
    });
    if (!shown)
      return Err(ScenarioError{file_name, line_of(*top.get("teaches")),
                               "the lesson teaches " + t + " but no step lists it in 'shows'"});
  }
  l.teaches = declared;
  top.check_unknown("title, level, goals, teaches, scenario, step");
  if (top.error) return Err(*top.error);
  return l;
}

}  // namespace synack::lesson
