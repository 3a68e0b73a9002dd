// synack's headless command line: runs a scenario file and prints its trace; walks
// lessons and checks that each step happens as its text says.
//   synack run FILE.toml [--seed N] [--until T] [--trace text|json|none] [--absolute] [--tcb]
//                        [--pcap OUT] [--pcapng OUT [--capture-at HOST]] [--hash]
//   synack lesson FILE.toml... [--scenarios DIR]
//   synack replay CAPTURE [--stream N] [--list] [--trace text|json] [--absolute]
//   synack coverage FILE.toml... [--scenarios DIR]
// The engine is sans-IO; this file is where the bytes meet the file system.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "build_info.hpp"
#include "capture/replay.hpp"
#include "lesson/lesson.hpp"
#include "embedded_files.hpp"
#include "analysis/lesson_check.hpp"
#include "scenario/scenario.hpp"
#include "scenario/units.hpp"
#include "sim/time_text.hpp"
#include "trace/export.hpp"

namespace {

// FNV-1a 64: a short fingerprint of the trace, to compare runs (native, wasm) at a glance.
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Where a lesson's named scenarios and side files come from: synack's own scenarios
// (compiled in, as in the app) or those of DIR; other files from the disk, as on the
// desktop.
synack::lesson::Sources sources_for(const std::string& scenarios_dir) {
  synack::lesson::ScenarioSource named = synack::embedded::embedded_scenario;
  if (!scenarios_dir.empty())
    named = [scenarios_dir](const std::string& id) { return read_file(scenarios_dir + "/" + id + ".toml"); };
  return {named, [](const std::string& path) { return read_file(path); }};
}

// Checks a lesson as the app does when it opens the file (engine/analysis/lesson_check.hpp): the same
// verdict and the same messages, printed on stderr. Its translation, zh/NAME.toml beside
// it, is checked with it; a translation named itself (DIR/zh/NAME.toml, no scenario of
// its own) is checked with its lesson, DIR/NAME.toml.
std::optional<synack::analysis::LessonVerdict> check_file(std::string file, const std::string& scenarios_dir) {
  namespace fs = std::filesystem;
  auto text = read_file(file);
  if (!text) {
    std::cerr << "synack: cannot open " << file << "\n";
    return std::nullopt;
  }
  std::vector<synack::analysis::TranslationFile> translations;
  const fs::path path(file);
  const std::string folder = path.parent_path().filename().string();
  if (synack::lesson::known_lang(folder) && synack::lesson::looks_like_translation(*text)) {
    const std::string lesson_file = (path.parent_path().parent_path() / path.filename()).generic_string();
    auto lesson_text = read_file(lesson_file);
    if (!lesson_text) {
      std::cerr << "synack: " << file << " is a translation (it has no scenario), and its lesson " << lesson_file
                << " cannot be opened\n";
      return std::nullopt;
    }
    translations.push_back({folder, file, *text});
    file = lesson_file;
    text = lesson_text;
  } else {
    const std::string zh = synack::lesson::translation_path(file, "zh");
    if (auto t = read_file(zh)) translations.push_back({"zh", zh, *t});
  }
  synack::analysis::LessonVerdict v = synack::analysis::check_lesson(*text, file, sources_for(scenarios_dir), translations);
  for (const std::string& e : v.errors) std::cerr << "synack: " << e << "\n";
  for (const std::string& w : v.warnings) std::cerr << "synack: " << w << "\n";
  return v;
}

// Checks each lesson and lists its steps: every stop found and every check verified,
// what a learner would see, without a screen.
int walk_lessons(const std::vector<std::string>& files, const std::string& scenarios_dir) {
  int failures = 0;
  for (const std::string& file : files) {
    auto v = check_file(file, scenarios_dir);
    if (!v || !v->accepted()) ++failures;
    if (!v || !v->lesson || v->wrong.size() != v->lesson->steps.size()) continue;
    const synack::lesson::Lesson& l = *v->lesson;
    std::cout << file << ": " << l.title << "\n";
    for (size_t i = 0; i < l.steps.size(); ++i) {
      const auto& st = l.steps[i];
      const auto& wrong = v->wrong[i];
      char head[96];
      std::snprintf(head, sizeof head, "  step %2zu at %s  %-4s ", i + 1,
                    synack::sim::seconds_text(v->walked.stops.t[i], {.decimals = 6, .width = 3}).c_str(),
                    wrong.empty() ? "ok" : "FAIL");
      std::cout << head << (st.title.empty() ? st.stop.describe() : st.title) << "\n";
      for (const std::string& w : wrong) std::cout << "       " << w << "\n";
    }
  }
  return failures ? 1 : 0;
}

// The coverage table of lessons/README.md: each teaching point and the steps that show it.
int coverage(const std::vector<std::string>& files, const std::string& scenarios_dir) {
  std::map<int, std::vector<std::pair<std::string, std::string>>> where;  // T -> (lesson, step)
  bool ok = true;
  for (const std::string& file : files) {
    auto v = check_file(file, scenarios_dir);
    if (!v || !v->lesson) {
      ok = false;
      continue;
    }
    const auto* l = &*v->lesson;
    for (size_t i = 0; i < l->steps.size(); ++i)
      for (const std::string& t : l->steps[i].shows)
        where[std::atoi(t.c_str() + 1)].emplace_back(l->id, std::to_string(i + 1));
  }
  std::cout << "| Point | Shown in |\n|---|---|\n";
  for (int t = 1; t <= synack::lesson::kTeachingPoints; ++t) {
    // "01-handshake steps 2, 4; 16-simultaneous-open step 1"
    std::string list;
    const auto& w = where[t];
    for (size_t i = 0; i < w.size(); ++i) {
      if (i == 0 || w[i].first != w[i - 1].first) {
        size_t n = i;
        while (n < w.size() && w[n].first == w[i].first) ++n;
        list += (list.empty() ? "" : "; ") + w[i].first + (n - i > 1 ? " steps " : " step ");
      } else {
        list += ", ";
      }
      list += w[i].second;
    }
    if (list.empty()) {
      list = "**not covered**";
      ok = false;
    }
    std::cout << "| T" << t << " | " << list << " |\n";
  }
  return ok ? 0 : 1;
}

int run(const std::string& file, std::optional<uint64_t> seed, const std::string& until_text,
        const std::string& format, bool absolute, bool tcb, const std::string& pcap_out, const std::string& pcapng_out, const std::string& capture_at, bool hash) {
  const auto text = read_file(file);
  if (!text) {
    std::cerr << "synack: cannot open " << file << "\n";
    return 2;
  }
  auto scenario = synack::scenario::parse_scenario(*text, file);
  if (!scenario && synack::lesson::looks_like_lesson(*text)) {
    // A lesson: run its scenario (named or inline), and say how to check the lesson itself.
    auto l = synack::lesson::parse_lesson(*text, file, sources_for(""));
    if (!l) {
      std::cerr << "synack: " << file << " is a lesson, not a scenario, and it does not parse:\n"
                << "synack: " << l.error().str() << "\n"
                << "synack: check it with: synack lesson " << file << "\n";
      return 2;
    }
    std::cerr << "synack: " << file << " is a lesson; running its scenario ("
              << (l->scenario_id.empty() ? "inline [scenario]" : "scenarios/" + l->scenario_id + ".toml")
              << "). Check its steps with: synack lesson " << file << "\n";
    scenario = std::move(l->scenario);
  }
  if (!scenario) {
    std::cerr << "synack: " << scenario.error().str() << "\n";
    return 2;
  }
  synack::sim::Time until = scenario->until;
  if (!until_text.empty()) {
    auto d = synack::scenario::parse_duration(until_text);
    if (!d) {
      std::cerr << "synack: --until wants a duration such as \"2s\" or \"500ms\", got \"" << until_text << "\"\n";
      return 2;
    }
    until = synack::sim::Time{0} + *d;
  }
  auto world = synack::scenario::build_world(*scenario, seed);
  world->run(until);
  const synack::trace::Trace& trace = world->trace();
  if (format == "text") {
    std::cout << synack::trace::to_text(trace, {.relative_seq = !absolute, .tcb = tcb});
  } else if (format == "json") {
    std::cout << synack::trace::to_json_lines(trace);
  }
  if (hash) {
    char line[64];
    std::snprintf(line, sizeof line, "trace-hash %016llx\n",
                  static_cast<unsigned long long>(fnv1a(synack::trace::to_json_lines(trace))));
    std::cout << line;
  }
  auto write = [](const std::string& path, const synack::wire::Bytes& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) std::cerr << "synack: cannot write " << path << "\n";
    return static_cast<bool>(out);
  };
  if (!pcap_out.empty() && !write(pcap_out, synack::trace::to_pcap(trace))) return 1;
  if (!pcapng_out.empty()) {
    uint16_t at = synack::trace::kNoHost;
    if (!capture_at.empty()) {
      std::string names;
      for (uint16_t h = 0; h < trace.hosts().size(); ++h) {
        if (trace.host_name(h) == capture_at) at = h;
        names += (names.empty() ? "" : ", ") + trace.host_name(h);
      }
      if (at == synack::trace::kNoHost) {
        std::cerr << "synack: --capture-at wants a host of " << file << " (" << names << "), got \"" << capture_at
                  << "\"\n";
        return 2;
      }
    }
    if (!write(pcapng_out, synack::trace::to_pcapng(trace, at))) return 1;
  }
  return 0;
}

// A pcap or pcapng file's TCP connection replayed as a trace, with each end's states
// inferred by the passive tracker; --list prints the capture's connections instead.
int replay(const std::string& file, std::optional<size_t> stream, bool list, const std::string& format,
           bool absolute) {
  // Read straight into one buffer of the file's size: a capture may be hundreds of MB.
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) {
    std::cerr << "synack: cannot open " << file << "\n";
    return 2;
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(in.tellg()));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  const synack::wire::ByteView view(bytes.data(), bytes.size());
  auto cap = synack::wire::read_capture(view);
  if (!cap) {
    std::cerr << "synack: " << file << ": " << cap.error().message() << "\n";
    return 2;
  }
  auto streams = synack::capture::list_streams(*cap, view);
  if (!streams) {
    std::cerr << "synack: " << file << ": " << streams.error().message() << "\n";
    return 2;
  }
  if (list) {
    std::cout << synack::capture::stream_table(*streams);
    return 0;
  }
  const size_t n = stream.value_or(streams->default_stream);
  if (n >= streams->streams.size()) {
    std::cerr << "synack: " << file << ": --stream " << n << ", the capture has connections 0 to "
              << streams->streams.size() - 1 << " (--list shows them)\n";
    return 2;
  }
  const auto& s = streams->streams[n];
  const auto tracked = synack::capture::track(*cap, view, s);
  const auto trace = synack::capture::replay_trace(*cap, view, s, tracked, n);
  if (format == "json") std::cout << synack::trace::to_json_lines(trace);
  else if (format == "text") std::cout << synack::trace::to_text(trace, {.relative_seq = !absolute});
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"synack: run TCP scenarios headless and print their trace"};
  app.set_version_flag("--version", std::string("synack ") + synack::version() + " (" + synack::build_hash() + ")");
  std::string file, until, format = "text", pcap, pcapng, capture_at;
  uint64_t seed = 0;
  bool absolute = false, hash = false, tcb = false;
  CLI::App* run_cmd = app.add_subcommand("run", "run a scenario file and print its trace");
  run_cmd->add_option("FILE", file, "scenario file (TOML)")->required();
  CLI::Option* seed_opt = run_cmd->add_option("--seed", seed, "override the scenario's seed");
  run_cmd->add_option("--until", until, "simulated time to stop at, e.g. 10s");
  run_cmd->add_option("--trace", format, "trace format")->check(CLI::IsMember({"text", "json", "none"}));
  run_cmd->add_flag("--absolute", absolute, "absolute sequence numbers in the text trace");
  run_cmd->add_flag("--tcb", tcb, "show every change of the control-block variables in the text trace");
  run_cmd->add_option("--pcap", pcap, "write the frames as a pcap file (Wireshark opens it)");
  run_cmd->add_option("--pcapng", pcapng,
                      "write the frames as pcapng, each with a comment on what became of it (dropped, retransmitted)");
  run_cmd->add_option("--capture-at", capture_at,
                      "with --pcapng: the capture as seen at this host (what it sent and what reached it)");
  run_cmd->add_flag("--hash", hash, "print a fingerprint of the trace");

  std::vector<std::string> lesson_files;
  std::string scenarios_dir;
  CLI::App* lesson_cmd = app.add_subcommand("lesson", "walk lessons: find every step's stop and check it");
  lesson_cmd->add_option("FILES", lesson_files, "lesson files (TOML)")->required();
  lesson_cmd->add_option("--scenarios", scenarios_dir, "folder of the scenarios lessons name (default: synack's own, as in the app)");
  CLI::App* cov_cmd = app.add_subcommand("coverage", "print which lesson steps show each teaching point T1-T19");
  cov_cmd->add_option("FILES", lesson_files, "lesson files (TOML)")->required();
  cov_cmd->add_option("--scenarios", scenarios_dir, "folder of the scenarios lessons name (default: synack's own, as in the app)");
  std::string capture_file;
  size_t stream = 0;
  bool list_streams = false;
  CLI::App* replay_cmd = app.add_subcommand("replay", "print a captured TCP connection (pcap, pcapng) as a trace");
  replay_cmd->add_option("FILE", capture_file, "capture file (pcap or pcapng)")->required();
  CLI::Option* stream_opt = replay_cmd->add_option("--stream", stream, "which connection (default: the first complete one)");
  replay_cmd->add_flag("--list", list_streams, "list the capture's TCP connections");
  replay_cmd->add_option("--trace", format, "trace format")->check(CLI::IsMember({"text", "json", "none"}));
  replay_cmd->add_flag("--absolute", absolute, "absolute sequence numbers in the text trace");
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  if (lesson_cmd->parsed()) return walk_lessons(lesson_files, scenarios_dir);
  if (cov_cmd->parsed()) return coverage(lesson_files, scenarios_dir);
  if (replay_cmd->parsed())
    return replay(capture_file, stream_opt->count() ? std::optional<size_t>(stream) : std::nullopt, list_streams,
                  format, absolute);
  std::optional<uint64_t> seed_override;
  if (seed_opt->count()) seed_override = seed;
  return run(file, seed_override, until, format, absolute, tcb, pcap, pcapng, capture_at, hash);
}
