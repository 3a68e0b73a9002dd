#pragma once
// Reads TOML tables for synack's file formats (scenarios, lessons): typed getters that
// record the first error with its file and line, and a check that names misspelt keys.
// Internal to the engine's loaders; include only after toml++ with TOML_EXCEPTIONS 0.
#include <optional>
#include <set>
#include <string>

#include "scenario/scenario.hpp"
#include "scenario/units.hpp"

namespace synack::scenario {

inline int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Reads one TOML table, remembering which keys were used so that a misspelt key is
// reported instead of silently ignored.
class Reader {
 public:
  Reader(const toml::table& t, std::string where, std::string file, int fallback_line)
      : t_(t), where_(std::move(where)), file_(std::move(file)), line_(fallback_line) {
    if (t.source().begin.line) line_ = static_cast<int>(t.source().begin.line);
  }

  std::optional<ScenarioError> error;

  const toml::node* get(const char* key) {
    used_.insert(key);
    return t_.get(key);
  }

  std::optional<std::string> str(const char* key) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<std::string>()) return *v;
    fail(*n, std::string("'") + key + "' in " + where_ + " must be a string");
    return std::nullopt;
  }

  std::optional<int64_t> integer(const char* key, int64_t lo, int64_t hi) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    // Test the type first: value<int64_t>() on a float converts it, and a float beyond
    // the range of int64 makes that conversion undefined (found by fuzz/scenario_fuzz).
    auto v = n->is_integer() ? n->value<int64_t>() : std::nullopt;
    if (!v) {
      fail(*n, std::string("'") + key + "' in " + where_ + " must be an integer");
      return std::nullopt;
    }
    if (*v < lo || *v > hi) {
      fail(*n, std::string("'") + key + "' in " + where_ + " must be between " + std::to_string(lo) + " and " +
                   std::to_string(hi) + ", got " + std::to_string(*v));
      return std::nullopt;
    }
    return *v;
  }

  std::optional<bool> boolean(const char* key) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<bool>(); v && n->is_boolean()) return *v;
    fail(*n, std::string("'") + key + "' in " + where_ + " must be true or false");
    return std::nullopt;
  }

  std::optional<sim::Duration> duration(const char* key) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    auto s = n->value<std::string>();
    auto d = s ? parse_duration(*s) : std::nullopt;
    if (!d) fail(*n, std::string("'") + key + "' in " + where_ + " must be a duration such as \"5ms\", \"1.5s\" or \"2min\"");
    return d;
  }

  std::optional<uint64_t> rate(const char* key) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    auto s = n->value<std::string>();
    auto r = s ? parse_rate(*s) : std::nullopt;
    if (!r) fail(*n, std::string("'") + key + "' in " + where_ + " must be a rate such as \"100Mbps\" or \"1Gbps\"");
    return r;
  }

  const toml::table* table(const char* key) {
    const toml::node* n = get(key);
    if (!n) return nullptr;
    if (const toml::table* t = n->as_table()) return t;
    fail(*n, std::string("'") + key + "' in " + where_ + " must be a table");
    return nullptr;
  }

  // After reading: any key nobody asked for is a mistake worth naming.
  void check_unknown(const char* expected) {
    if (error) return;
    for (const auto& [k, v] : t_) {
      if (!used_.count(std::string(k.str()))) {
        error = ScenarioError{file_, line_of(v), "unknown key '" + std::string(k.str()) + "' in " + where_ +
                                                     "; expected one of: " + expected};
        return;
      }
    }
  }

  void fail(const toml::node& n, std::string message) {
    if (!error) error = ScenarioError{file_, line_of(n), std::move(message)};
  }
  void fail_here(std::string message) {
    if (!error) error = ScenarioError{file_, line_, std::move(message)};
  }
  int line() const { return line_; }

 private:
  const toml::table& t_;
  std::string where_;
  std::string file_;
  int line_;
  std::set<std::string> used_;
};

// Parses a scenario from a table already parsed (a lesson's inline [scenario]); `where`
// names the table in error messages.
Result<Scenario, ScenarioError> parse_scenario_table(const toml::table& root, const std::string& file_name,
                                                     const std::string& where);

}  // namespace synack::scenario
