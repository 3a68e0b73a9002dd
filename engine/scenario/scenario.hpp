#pragma once
// A scenario: the hosts, the link between them, the fault rules, the scripted
// application actions and the seed. Parsed from TOML (see README's "Scenario files");
// every error names the file, the line and what was expected.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/host.hpp"
#include "link/fault.hpp"
#include "util/result.hpp"
#include "world/world.hpp"

namespace synack::scenario {

struct ScenarioError {
  std::string file;
  int line = 0;  // 0 when the problem is not tied to a line
  std::string message;
  std::string str() const {
    return file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + message;
  }
};

// Where a host's TCP settings came from: the profile they start from and the keys of
// [tcp] and [host.tcp] set on top of it, so that the same script can be run again under
// the other profile with the file's own settings kept (with_profile).
struct TcpSource {
  tcp::Profile profile = tcp::Profile::Rfc;
  std::vector<std::string> keys;  // in file order, "profile" not among them
};

struct HostSpec {
  host::HostConfig config;
  std::string group;  // for hosts made by count = N: the [[host]]'s name, shared by all
  int line = 0;
  TcpSource tcp_source;
};

// A fault rule names its sender by host name; resolved when the world is built.
struct FaultSpec {
  link::FaultRule rule;
  std::string from;  // empty: either direction
};

// The order op_keys() lists each op's keys in.
// Segment: a [[segment]] table, a hand-made segment sent from the host's NIC.
enum class Op { Listen, Connect, Send, Close, Abort, Kill, Read, Requests, Segment };

struct ActionSpec {
  sim::Time at;
  std::string host;
  Op op = Op::Listen;
  uint16_t port = 0;
  std::string to;  // connect: a host name or an IPv4 address
  std::optional<uint16_t> local_port;
  uint64_t bytes = 0;
  int socket = 0;  // the host's Nth socket (1: its first listen or connect); 0: see lessons/README.md
  host::ListenOptions listen;
  bool read = true;
  bool keepalive = false;
  int count = 1;             // requests
  bool long_connection = false;
  sim::Duration gap{};
  sim::Duration stagger{};   // an action on a host group: member i acts at at + i * stagger
  host::HandmadeSegment segment;  // Op::Segment
  int line = 0;
};

struct Scenario {
  std::string name;
  std::string file;
  uint64_t seed = 1;
  sim::Time until = sim::Time{0} + sim::seconds(60);
  sim::Duration delay = sim::milliseconds(5);
  uint64_t rate_bps = 100'000'000;
  bool use_switch = false;
  std::vector<HostSpec> hosts;
  std::vector<FaultSpec> faults;
  std::vector<ActionSpec> actions;
  bool counterfactual = false;  // some host runs a variant that is not real TCP
  // Some [[segment]] puts a hand-made segment on the cable: the run includes an injected
  // test segment that no host's TCP sent (the answers to it are real TCP).
  bool injected() const;
};

Result<Scenario, ScenarioError> parse_scenario(std::string_view toml_text, const std::string& file_name);

// The keys an [[action]] with this op takes, or a [[segment]] (Op::Segment) (lessons/README.md
// has them with their defaults).
const std::vector<std::string>& op_keys(Op op);

// The same script with every host's TCP under profile `p`: each key the file set in
// [tcp] or [host.tcp] keeps its value, the rest take p's. Hosts, actions, faults and the
// link are untouched, so the run is another run of one script (side by side pairs it).
Scenario with_profile(const Scenario& s, tcp::Profile p);

// The profile every host starts from, or none when the hosts differ.
std::optional<tcp::Profile> profile_of(const Scenario& s);

// "rfc" or "linux", as the `profile` key spells it.
const char* profile_key(tcp::Profile p);

// Builds the world and schedules every action. The seed argument overrides the file's.
std::unique_ptr<world::World> build_world(const Scenario& s, std::optional<uint64_t> seed = std::nullopt);

}  // namespace synack::scenario
