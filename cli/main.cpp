// synack's headless command line: runs a scenario file and prints its trace.
//   synack run FILE.toml [--seed N] [--until T] [--trace text|json|none] [--absolute] [--tcb]
//                        [--pcap OUT] [--hash]
// The engine is sans-IO; this file is where the bytes meet the file system.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "build_info.hpp"
#include "scenario/scenario.hpp"
#include "scenario/units.hpp"
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

int run(const std::string& file, std::optional<uint64_t> seed, const std::string& until_text,
        const std::string& format, bool absolute, bool tcb, const std::string& pcap_out, bool hash) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "synack: cannot open " << file << "\n";
    return 2;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  auto scenario = synack::scenario::parse_scenario(buf.str(), file);
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
  if (!pcap_out.empty()) {
    const synack::wire::Bytes pcap = synack::trace::to_pcap(trace);
    std::ofstream out(pcap_out, std::ios::binary);
    out.write(reinterpret_cast<const char*>(pcap.data()), static_cast<std::streamsize>(pcap.size()));
    if (!out) {
      std::cerr << "synack: cannot write " << pcap_out << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"synack: run TCP scenarios headless and print their trace"};
  app.set_version_flag("--version", std::string("synack ") + synack::version() + " (" + synack::build_hash() + ")");
  app.require_subcommand(1);
  std::string file, until, format = "text", pcap;
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
  run_cmd->add_flag("--hash", hash, "print a fingerprint of the trace");
  CLI11_PARSE(app, argc, argv);
  std::optional<uint64_t> seed_override;
  if (seed_opt->count()) seed_override = seed;
  return run(file, seed_override, until, format, absolute, tcb, pcap, hash);
}
