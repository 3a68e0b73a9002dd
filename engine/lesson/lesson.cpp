#include "lesson/lesson.hpp"

#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

#include "scenario/toml_guard.hpp"
#include "sim/time_text.hpp"
#include "scenario/toml_reader.hpp"
#include "tcp/connection.hpp"
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

std::string canonical_state(const std::string& name) {
  std::string n = name;
  for (char& c : n) c = c == '_' ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // RFC 9293 writes SYN-RECEIVED; ss and netstat print SYN_RECV.
  if (n == "SYN-RECEIVED" || n == "SYN-RECV") n = "SYN-RCVD";
  for (int i = 0; i <= static_cast<int>(tcp::State::TimeWait); ++i)
    if (n == tcp::to_string(static_cast<tcp::State>(i))) return n;
  return {};
}

std::string state_names() {
  std::string out;
  for (int i = 0; i <= static_cast<int>(tcp::State::TimeWait); ++i)
    out += (i ? ", " : "") + std::string(tcp::to_string(static_cast<tcp::State>(i)));
  return out;
}

const std::vector<std::string>& field_names() {
  // The keys of ui/inspector_view.cpp's rows, in its order.
  static const std::vector<std::string> names = {
      "eth.dst", "eth.src", "eth.type", "ip.src", "ip.dst", "ip.length", "ip.id", "ip.flags",
      "ip.ttl", "ip.checksum", "ports", "seq", "ack", "header", "flags", "window",
      "checksum", "options", "payload", "arp.op", "arp.sender", "arp.target"};
  return names;
}

bool looks_like_lesson(std::string_view toml_text) {
  toml::parse_result parsed = toml::parse(toml_text);
  if (!parsed) return false;
  return parsed.table().contains("step") || parsed.table().contains("scenario");
}

std::string Question::right_answer() const {
  const auto letter = [](int i) { return std::string(1, static_cast<char>('A' + i)); };
  switch (kind) {
    case Kind::One: return letter(answer);
    case Kind::Several: {
      std::string out;
      for (int i : answers) out += (out.empty() ? "" : ", ") + letter(i);
      return out;
    }
    case Kind::Number: return std::to_string(number);
    case Kind::Order: {
      std::string out;
      for (const std::string& o : order) out += (out.empty() ? "" : ", ") + o;
      return out;
    }
  }
  return {};
}

bool Question::right_several(const std::vector<int>& picked) const {
  std::vector<int> p = picked;
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  return p == answers;
}

std::vector<std::string> Question::shuffled() const {
  // A fixed shuffle (the same for every learner, on every platform): each item moves to
  // the place two further on, cycling; reversed where that gives back the right order.
  std::vector<std::string> out(order.size());
  for (size_t i = 0; i < order.size(); ++i) out[(i + 2) % order.size()] = order[i];
  if (out == order) out.assign(order.rbegin(), order.rend());
  return out;
}

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The two hosts the app draws (the scenario's first two): the ones a stop, a check or a
// highlight can name.
std::vector<std::string> drawn_hosts(const scenario::Scenario& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.hosts.size() && i < 2; ++i) out.push_back(s.hosts[i].config.name);
  return out;
}

bool known_host(const scenario::Scenario& s, const std::string& name) {
  const auto hosts = drawn_hosts(s);
  return std::find(hosts.begin(), hosts.end(), name) != hosts.end();
}

std::string timer_names() {
  std::vector<std::string> v;
  for (int i = 0; i < static_cast<int>(tcp::Timer::Count_); ++i) v.push_back(tcp::to_string(static_cast<tcp::Timer>(i)));
  return join(v);
}

bool is_timer_name(const std::string& t) {
  for (int i = 0; i < static_cast<int>(tcp::Timer::Count_); ++i)
    if (t == tcp::to_string(static_cast<tcp::Timer>(i))) return true;
  return false;
}

// What is wrong with a highlight, or "" if it is one the app can show.
std::string bad_highlight(const std::string& h, const scenario::Scenario& sc) {
  const std::string forms =
      "\"segment\", \"machines\", \"connections\", \"log\", \"state:HOST\", \"timers:HOST\", \"app:HOST\" or \"field:NAME\"";
  if (h == "segment" || h == "machines" || h == "connections" || h == "log") return {};
  const size_t colon = h.find(':');
  if (colon == std::string::npos) return "highlight \"" + h + "\" must be " + forms;
  const std::string kind = h.substr(0, colon), name = h.substr(colon + 1);
  if (kind == "field") {
    const auto& f = field_names();
    if (std::find(f.begin(), f.end(), name) != f.end()) return {};
    return "highlight \"" + h + "\" names no field of the inspector; fields are: " + join(f);
  }
  if (kind == "state" || kind == "timers" || kind == "app") {
    const auto hosts = drawn_hosts(sc);
    if (std::find(hosts.begin(), hosts.end(), name) != hosts.end()) return {};
    return "highlight \"" + h + "\" names no host the app draws; hosts are: " + join(hosts);
  }
  return "highlight \"" + h + "\" must be " + forms;
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
    stop.state = canonical_state(*v);
    if (stop.state.empty()) r.fail(*r.get("state"), "'state' must be one of " + state_names() + "; got \"" + *v + "\"");
    stop.kind = Stop::Kind::State;
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
    if (!is_timer_name(*v)) r.fail(*r.get("timer"), "'timer' must be one of " + timer_names() + "; got \"" + *v + "\"");
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
    if (!known_host(sc, *v))
      r.fail(*r.get("host"), "'host' in the stop names no host the app draws: \"" + *v + "\"; hosts are: " + join(drawn_hosts(sc)));
    stop.host = *v;
  }
  if (auto v = r.str("from")) {
    if (!known_host(sc, *v))
      r.fail(*r.get("from"), "'from' in the stop names no host the app draws: \"" + *v + "\"; hosts are: " + join(drawn_hosts(sc)));
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
    r.fail_here("a stop needs exactly one of: at = \"1.5s\", state = \"SYN-RCVD\", segment = \"syn-ack\", "
                "timer = \"RTO\", drop = true, end = true");
  if (!r.error && stop.kind == Stop::Kind::State && stop.host.empty())
    r.fail_here("a state stop needs the host, e.g. { state = \"" + stop.state + "\", host = \"server\" }");
}

void read_check(Reader& r, const scenario::Scenario& sc, Check& c, const std::string& file) {
  if (const toml::table* t = r.table("states")) {
    for (const auto& [k, v] : *t) {
      const std::string host(k.str());
      auto state = v.value<std::string>();
      const std::string canonical = state ? canonical_state(*state) : "";
      if (!known_host(sc, host))
        r.fail(v, "'check.states' names no host the app draws: \"" + host + "\"; hosts are: " + join(drawn_hosts(sc)));
      else if (canonical.empty())
        r.fail(v, "'check.states." + host + "' must be one of " + state_names());
      else c.states.emplace_back(host, canonical);
    }
  }
  if (const toml::table* t = r.table("connections")) {
    // connections = { server = { CLOSE-WAIT = 3 } }
    for (const auto& [k, v] : *t) {
      const std::string host(k.str());
      const toml::table* per = v.as_table();
      if (!known_host(sc, host)) {
        r.fail(v, "'check.connections' names no host the app draws: \"" + host + "\"; hosts are: " + join(drawn_hosts(sc)));
        break;
      }
      if (!per) {
        r.fail(v, "'check.connections." + host + "' must be a table of state = count, e.g. { CLOSE-WAIT = 3 }");
        break;
      }
      for (const auto& [sk, sv] : *per) {
        const std::string state = canonical_state(std::string(sk.str()));
        auto n = sv.is_integer() ? sv.value<int64_t>() : std::nullopt;
        if (state.empty()) r.fail(sv, "'check.connections." + host + "' names no state: \"" + std::string(sk.str()) +
                                          "\"; states are " + state_names());
        else if (!n || *n < 0 || *n > 1000000) r.fail(sv, "'check.connections." + host + "." + state + "' must be a count, 0 or more");
        else c.connections.push_back({host, state, static_cast<int>(*n)});
      }
    }
  }
  if (auto v = r.integer("segments", 0, 1000000)) c.segments = static_cast<int>(*v);
  if (auto v = r.integer("drops", 0, 1000000)) c.drops = static_cast<int>(*v);
  r.check_unknown("states, connections, segments, drops");
  (void)file;
}

// A step's question: choices with one right answer or several, a number to type, or
// items to put in order; feedback per choice.
void read_question(Reader& qr, const std::string& where, Question& q) {
  if (auto v = qr.str("prompt")) q.prompt = *v;
  else qr.fail_here(where + ": a question needs a prompt");
  const toml::node* answer = qr.get("answer");
  const toml::node* number = qr.get("number");
  const toml::node* order = qr.get("order");
  const int ways = (answer != nullptr) + (number != nullptr) + (order != nullptr);
  const std::string how = "answer = N (the right choice, 1-based), answer = [N, M] (every right choice), "
                          "number = N (a number to type) or order = [\"first\", \"second\", ...] (items to put in order)";
  if (qr.error) return;
  if (ways != 1) return qr.fail_here(where + ": a question needs exactly one of " + how);
  if (answer) {
    if (auto v = strings(qr, "choices")) q.choices = *v;
    if (qr.error) return;
    if (q.choices.size() < 2) return qr.fail_here(where + ": a question needs at least two choices");
    const int n = static_cast<int>(q.choices.size());
    const auto index = [&](const toml::node& e, int& out) {
      auto v = e.is_integer() ? e.value<int64_t>() : std::nullopt;
      if (!v || *v < 1 || *v > n) {
        qr.fail(e, where + ": 'answer' must be a choice's number, 1 to " + std::to_string(n));
        return false;
      }
      out = static_cast<int>(*v) - 1;
      return true;
    };
    if (const toml::array* a = answer->as_array()) {
      q.kind = Question::Kind::Several;
      for (const toml::node& e : *a) {
        int i = 0;
        if (!index(e, i)) return;
        if (std::find(q.answers.begin(), q.answers.end(), i) != q.answers.end())
          return qr.fail(e, where + ": 'answer' lists choice " + std::to_string(i + 1) + " twice");
        q.answers.push_back(i);
      }
      if (q.answers.empty()) return qr.fail(*answer, where + ": 'answer' = [...] needs at least one right choice");
      std::sort(q.answers.begin(), q.answers.end());
    } else if (!index(*answer, q.answer)) {
      return;
    }
    if (auto v = strings(qr, "feedback")) {
      if (v->size() != q.choices.size())
        return qr.fail(*qr.get("feedback"), where + ": 'feedback' needs one entry per choice (" +
                                                std::to_string(q.choices.size()) + "), \"\" where there is nothing to say");
      q.feedback = *v;
    }
  } else if (number) {
    q.kind = Question::Kind::Number;
    auto v = number->is_integer() ? number->value<int64_t>() : std::nullopt;
    if (!v) return qr.fail(*number, where + ": 'number' must be a whole number, the answer to type");
    q.number = *v;
  } else {
    q.kind = Question::Kind::Order;
    if (auto v = strings(qr, "order")) q.order = *v;
    if (qr.error) return;
    if (q.order.size() < 2) return qr.fail(*order, where + ": 'order' needs at least two items");
    for (size_t i = 0; i < q.order.size(); ++i)
      if (std::find(q.order.begin(), q.order.begin() + static_cast<std::ptrdiff_t>(i), q.order[i]) !=
          q.order.begin() + static_cast<std::ptrdiff_t>(i))
        return qr.fail(*order, where + ": 'order' holds \"" + q.order[i] + "\" twice; each item must be different");
  }
  if (auto v = qr.str("explain")) q.explain = *v;
  if (answer) qr.check_unknown("prompt, choices, answer, feedback, explain");
  else if (number) qr.check_unknown("prompt, number, explain");
  else qr.check_unknown("prompt, order, explain");
}

// Another run's scenario, for a try-it (`key` "try") or a side by side ("beside"): one of
// synack's scenarios by id, an inline [step.KEY.scenario] table, or a file beside the
// lesson (scenario_file, relative to the lesson's folder). `purpose` ends the message
// for a name that is no scenario: "to try".
struct Variant {
  std::string name;             // the scenario id, the file name, or "" when inline
  scenario::Scenario scenario;
};
void read_variant(Reader& tr, const std::string& where, const std::string& key, const std::string& purpose,
                  const std::string& file_name, const Sources& sources, Variant& out) {
  const toml::node* by_id = tr.get("scenario");
  const toml::node* by_file = tr.get("scenario_file");
  const std::string inline_table = "[step." + key + ".scenario]";
  const std::string hint = "scenario = \"ID\" (one of synack's), a " + inline_table + " table, or scenario_file = \"FILE.toml\" beside the lesson";
  if ((by_id != nullptr) == (by_file != nullptr)) {
    if (by_id) tr.fail(*by_file, where + ": '" + key + "' takes one of scenario and scenario_file, not both");
    else tr.fail_here(where + ": '" + key + "' needs the variant to run: " + hint);
    return;
  }
  if (by_id) {
    if (const toml::table* t = by_id->as_table()) {
      auto s = scenario::parse_scenario_table(*t, file_name, inline_table);
      if (!s) tr.error = s.error();
      else out.scenario = std::move(*s);
      return;
    }
    auto id = by_id->value<std::string>();
    if (!id) return tr.fail(*by_id, where + ": '" + key + ".scenario' must be a scenario id (a string) or a table; " + hint);
    auto text = sources.scenarios(*id);
    if (!text) return tr.fail(*by_id, where + ": no scenario named \"" + *id + "\" " + purpose + "; for your own, use " + hint);
    auto s = scenario::parse_scenario(*text, "scenarios/" + *id + ".toml");
    if (!s) tr.error = s.error();
    else out.scenario = std::move(*s);
    out.name = *id;
    return;
  }
  auto name = by_file->value<std::string>();
  if (!name) return tr.fail(*by_file, where + ": 'scenario_file' must be a file name, e.g. \"my-variant.toml\"");
  // A browser's page reads no folder: the file must be opened with the lesson, where
  // only its name (no folder) is known.
  const std::string base = name->substr(name->find_last_of('/') + 1);
  const std::string not_opened =
      where + ": scenario_file \"" + *name + "\" cannot be read: it was not opened with the lesson, and a lesson " +
      "opened in the browser has no folder beside it; open \"" + base + "\" together with the lesson (pick both in " +
      "\"Open lesson file\": it takes several files at once), put the variant inline as " + inline_table +
      ", or use one of synack's scenarios (scenario = \"ID\")";
  if (!sources.files) return tr.fail(*by_file, not_opened);
  const size_t slash = file_name.find_last_of('/');
  const std::string path = (slash == std::string::npos ? std::string() : file_name.substr(0, slash + 1)) + *name;
  auto text = sources.files(path);
  if (!text && sources.picked_only) return tr.fail(*by_file, not_opened);
  if (!text) return tr.fail(*by_file, where + ": cannot read scenario_file \"" + path + "\" (it is looked for beside the lesson)");
  auto s = scenario::parse_scenario(*text, path);
  if (!s) tr.error = s.error();
  else out.scenario = std::move(*s);
  out.name = *name;
}

// Side by side compares two runs of one script: the other run must draw the same two
// hosts and make the same application calls (when, where, what); only the TCP beneath
// (a counterfactual, a profile, an option) or the network may differ. Empty when it does.
std::string not_same_script(const scenario::Scenario& mine, const scenario::Scenario& other, const std::string& other_name) {
  const std::string it = other_name.empty() ? "the other run" : "\"" + other_name + "\"";
  const auto host = [](const scenario::Scenario& s, size_t i) { return i < s.hosts.size() ? s.hosts[i].config.name : std::string("(none)"); };
  for (size_t i = 0; i < 2; ++i)
    if (host(mine, i) != host(other, i))
      return it + " draws " + host(other, 0) + " and " + host(other, 1) + ", the lesson's run " + host(mine, 0) +
             " and " + host(mine, 1) + ": side by side needs two runs of one script, with the same two hosts";
  const auto call = [](const scenario::ActionSpec& a) {
    static const char* const names[] = {"listen", "connect", "send", "close", "abort", "kill", "read", "requests"};
    const size_t op = static_cast<size_t>(a.op);
    return std::string(op < sizeof names / sizeof names[0] ? names[op] : "a call") + " on " + a.host + " at " + sim::seconds_text(a.at.ns);
  };
  const size_t n = std::max(mine.actions.size(), other.actions.size());
  for (size_t i = 0; i < n; ++i) {
    const bool both = i < mine.actions.size() && i < other.actions.size();
    if (both && mine.actions[i].op == other.actions[i].op && mine.actions[i].host == other.actions[i].host &&
        mine.actions[i].at == other.actions[i].at)
      continue;
    return it + "'s [[action]] #" + std::to_string(i + 1) + " is " +
           (i < other.actions.size() ? call(other.actions[i]) : "missing") + ", the lesson's is " +
           (i < mine.actions.size() ? call(mine.actions[i]) : "missing") +
           ": side by side needs two runs of one script, with the same application calls";
  }
  return {};
}

// A label drawn above half the ladder's width: short, or it would be cut.
constexpr size_t kBesideLabelMax = 32;

void read_beside(Reader& br, const std::string& where, const std::string& file_name, const Sources& sources,
                 const scenario::Scenario& mine, Beside& b) {
  Variant v;
  read_variant(br, where, "beside", "to draw beside this run", file_name, sources, v);
  if (br.error) return;
  b.scenario = v.name;
  b.variant = std::move(v.scenario);
  const auto label = [&](const char* key, const std::string& fallback, std::string& out) {
    auto s = br.str(key);
    if (br.error) return;
    out = s ? *s : fallback;
    if (s && s->empty()) return br.fail(*br.get(key), where + ": 'beside." + key + "' is empty; it names the run above its ladder");
    if (s && s->size() > kBesideLabelMax)
      br.fail(*br.get(key), where + ": 'beside." + key + "' is drawn above half the ladder: at most " +
                                std::to_string(kBesideLabelMax) + " characters, got " + std::to_string(s->size()));
  };
  label("label", b.variant.name, b.label);
  label("this_label", mine.name, b.this_label);
  if (br.error) return;
  if (const std::string why = not_same_script(mine, b.variant, b.scenario); !why.empty())
    br.fail_here(where + ": beside: " + why);
}

}  // namespace

Result<Lesson, ScenarioError> parse_lesson(std::string_view toml_text, const std::string& file_name,
                                           const Sources& sources) {
  const ScenarioSource& scenarios = sources.scenarios;
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
  if (auto v = top.str("lang")) {
    if (!known_lang(*v)) top.fail(*top.get("lang"), "'lang' is the language the lesson is written in: \"en\" or \"zh\"; got \"" + *v + "\"");
    l.lang = *v;
  }
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
      r.fail_here(where + " needs a stop, e.g. stop = { state = \"SYN-RCVD\", host = \"server\" }");
    }
    if (auto v = strings(r, "highlight")) {
      for (const std::string& h : *v)
        if (const std::string bad = bad_highlight(h, l.scenario); !bad.empty()) r.fail(*r.get("highlight"), where + ": " + bad);
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
      read_question(qr, where, question);
      if (qr.error) return Err(*qr.error);
      st.question = std::move(question);
    }
    if (const toml::table* tt = r.table("try")) {
      Reader tr(*tt, where + " try", file_name, r.line());
      TryIt ti;
      if (auto v = tr.str("text")) ti.text = *v;
      else tr.fail_here(where + ": 'try' needs text telling the learner what to look for");
      Variant v;
      read_variant(tr, where, "try", "to try", file_name, sources, v);
      ti.scenario = v.name;
      ti.variant = std::move(v.scenario);
      tr.check_unknown("text, scenario, scenario_file");
      if (tr.error) return Err(*tr.error);
      st.try_it = std::move(ti);
    }
    if (const toml::table* bt = r.table("beside")) {
      Reader br(*bt, where + " beside", file_name, r.line());
      Beside b;
      read_beside(br, where, file_name, sources, l.scenario, b);
      br.check_unknown("scenario, scenario_file, label, this_label");
      if (br.error) return Err(*br.error);
      st.beside = std::move(b);
    }
    if (const toml::table* c = r.table("check")) {
      Reader cr(*c, where + " check", file_name, r.line());
      read_check(cr, l.scenario, st.check, file_name);
      if (cr.error) return Err(*cr.error);
    }
    r.check_unknown("title, text, stop, highlight, shows, question, try, beside, check");
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
  top.check_unknown("title, lang, level, goals, teaches, scenario, step");
  if (top.error) return Err(*top.error);
  LessonText own{l.lang, l.title, l.goals, {}};
  for (const Step& s : l.steps) own.steps.push_back(step_text(s));
  l.texts.push_back(std::move(own));
  return l;
}

}  // namespace synack::lesson
