#include "scenario/scenario.hpp"

#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <algorithm>

#include "scenario/toml_guard.hpp"
#include "scenario/toml_reader.hpp"

namespace synack::scenario {

namespace {

// A retransmission timer of zero fires at the instant it is armed: every retry of the
// connection in one burst at one simulated time, which no stack does. Refused by name.
std::optional<sim::Duration> nonzero_timer(Reader& r, const char* key) {
  auto d = r.duration(key);
  if (d && d->ns <= 0) {
    r.fail(*r.get(key), std::string("'") + key + "' must be more than 0s: a zero retransmission timeout would resend "
                                            "at once, every retry at the same instant");
    return std::nullopt;
  }
  return d;
}

// Every [tcp] key but `profile`, with the field it sets: a profile switch copies the
// fields a file set onto the other profile's defaults (with_profile).
struct TcpKey {
  const char* name;
  void (*copy)(const tcp::TcpConfig& from, tcp::TcpConfig& to);
};
#define SYNACK_TCP_KEY(key, field) \
  TcpKey { key, [](const tcp::TcpConfig& f, tcp::TcpConfig& t) { t.field = f.field; } }
constexpr TcpKey kTcpKeys[] = {
    SYNACK_TCP_KEY("mss", mss),
    SYNACK_TCP_KEY("recv_buffer", recv_buffer),
    SYNACK_TCP_KEY("send_buffer", send_buffer),
    SYNACK_TCP_KEY("window_scaling", window_scaling),
    SYNACK_TCP_KEY("window_shift", window_shift),
    SYNACK_TCP_KEY("sack", sack_permitted),
    SYNACK_TCP_KEY("timestamps", timestamps),
    SYNACK_TCP_KEY("initial_rto", initial_rto),
    SYNACK_TCP_KEY("min_rto", min_rto),
    SYNACK_TCP_KEY("max_rto", max_rto),
    SYNACK_TCP_KEY("syn_retries", syn_retries),
    SYNACK_TCP_KEY("synack_retries", synack_retries),
    SYNACK_TCP_KEY("rst_on_synack_giveup", rst_on_synack_giveup),
    SYNACK_TCP_KEY("data_retries", data_retries),
    SYNACK_TCP_KEY("msl", msl),
    SYNACK_TCP_KEY("no_time_wait", no_time_wait),
    SYNACK_TCP_KEY("two_way_handshake", two_way_handshake),
    SYNACK_TCP_KEY("nagle", nagle),
    SYNACK_TCP_KEY("delayed_ack", delayed_ack),
    SYNACK_TCP_KEY("delayed_ack_timeout", delayed_ack_timeout),
    SYNACK_TCP_KEY("initial_window", initial_window_segments),
    SYNACK_TCP_KEY("keepalive_idle", keepalive_idle),
    SYNACK_TCP_KEY("keepalive_interval", keepalive_interval),
    SYNACK_TCP_KEY("keepalive_probes", keepalive_probes),
    SYNACK_TCP_KEY("user_timeout", user_timeout),
    SYNACK_TCP_KEY("quickack_segments", quickack_segments),
    SYNACK_TCP_KEY("nagle_minshall", nagle_minshall),
    SYNACK_TCP_KEY("tail_loss_probe", tail_loss_probe),
    SYNACK_TCP_KEY("syn_linear_timeouts", syn_linear_timeouts),
    SYNACK_TCP_KEY("linux_wire", linux_wire),
    SYNACK_TCP_KEY("data_retries_as_time", data_retries_as_time),
    SYNACK_TCP_KEY("time_wait_reopen", time_wait_reopen),
};
#undef SYNACK_TCP_KEY

const std::string& tcp_key_list() {
  static const std::string list = [] {
    std::string l = "profile";
    for (const TcpKey& k : kTcpKeys) l += std::string(", ") + k.name;
    return l;
  }();
  return list;
}

// Reads a [tcp] or [host.tcp] table over `c`, and notes in `src` what it set: a profile
// starts afresh (its defaults replace everything set before, as for `c`).
void read_tcp(Reader& r, tcp::TcpConfig& c, TcpSource& src) {
  if (auto p = r.str("profile")) {
    if (*p == "rfc") src = TcpSource{tcp::Profile::Rfc, {}};
    else if (*p == "linux") src = TcpSource{tcp::Profile::Linux, {}};
    else r.fail_here("'profile' must be \"rfc\" or \"linux\", got \"" + *p + "\"");
    c = tcp::TcpConfig::of(src.profile);
  }
  if (auto v = r.integer("mss", 88, 65495)) c.mss = static_cast<uint16_t>(*v);
  if (auto v = r.integer("recv_buffer", 1, 1 << 30)) c.recv_buffer = static_cast<uint32_t>(*v);
  if (auto v = r.integer("send_buffer", 1, 1 << 30)) c.send_buffer = static_cast<uint32_t>(*v);
  if (auto v = r.boolean("window_scaling")) c.window_scaling = *v;
  if (auto v = r.integer("window_shift", 0, 14)) c.window_shift = static_cast<uint8_t>(*v);
  if (auto v = r.boolean("sack")) c.sack_permitted = *v;
  if (auto v = r.boolean("timestamps")) c.timestamps = *v;
  if (auto v = nonzero_timer(r, "initial_rto")) c.initial_rto = *v;
  if (auto v = nonzero_timer(r, "min_rto")) c.min_rto = *v;
  if (auto v = nonzero_timer(r, "max_rto")) c.max_rto = *v;
  if (auto v = r.integer("syn_retries", 0, 100)) c.syn_retries = static_cast<int>(*v);
  if (auto v = r.integer("synack_retries", 0, 100)) c.synack_retries = static_cast<int>(*v);
  if (auto v = r.boolean("rst_on_synack_giveup")) c.rst_on_synack_giveup = *v;
  if (auto v = r.integer("data_retries", 0, 100)) c.data_retries = static_cast<int>(*v);
  if (auto v = r.duration("msl")) c.msl = *v;
  if (auto v = r.boolean("no_time_wait")) c.no_time_wait = *v;
  if (auto v = r.boolean("two_way_handshake")) c.two_way_handshake = *v;
  if (auto v = r.boolean("nagle")) c.nagle = *v;
  if (auto v = r.boolean("delayed_ack")) c.delayed_ack = *v;
  if (auto v = r.duration("delayed_ack_timeout")) c.delayed_ack_timeout = *v;
  if (auto v = r.integer("initial_window", 1, 1000)) c.initial_window_segments = static_cast<int>(*v);
  if (auto v = r.duration("keepalive_idle")) c.keepalive_idle = *v;
  if (auto v = r.duration("keepalive_interval")) c.keepalive_interval = *v;
  if (auto v = r.integer("keepalive_probes", 1, 100)) c.keepalive_probes = static_cast<int>(*v);
  if (auto v = r.duration("user_timeout")) c.user_timeout = *v;
  if (auto v = r.integer("quickack_segments", 0, 1000)) c.quickack_segments = static_cast<int>(*v);
  if (auto v = r.boolean("nagle_minshall")) c.nagle_minshall = *v;
  if (auto v = r.boolean("tail_loss_probe")) c.tail_loss_probe = *v;
  if (auto v = r.integer("syn_linear_timeouts", 0, 100)) c.syn_linear_timeouts = static_cast<int>(*v);
  if (auto v = r.boolean("linux_wire")) c.linux_wire = *v;
  if (auto v = r.boolean("data_retries_as_time")) c.data_retries_as_time = *v;
  if (auto v = r.boolean("time_wait_reopen")) c.time_wait_reopen = *v;
  for (const TcpKey& k : kTcpKeys) {
    if (!r.get(k.name)) continue;
    auto& keys = src.keys;
    keys.erase(std::remove(keys.begin(), keys.end(), std::string(k.name)), keys.end());
    keys.push_back(k.name);
  }
  r.check_unknown(tcp_key_list().c_str());
}

void read_nic(Reader& r, link::NicConfig& n) {
  if (auto v = r.integer("rx_ring", 1, 1 << 20)) n.rx_ring_size = static_cast<size_t>(*v);
  if (auto v = r.integer("tx_queue", 1, 1 << 20)) n.tx_queue_frames = static_cast<size_t>(*v);
  if (auto v = r.duration("drain")) n.drain_interval = *v;
  if (auto v = r.rate("rate")) n.rate_bps = *v;
  if (auto v = r.boolean("promiscuous")) n.promiscuous = *v;
  r.check_unknown("rx_ring, tx_queue, drain, rate, promiscuous");
}

std::optional<Op> parse_op(const std::string& s) {
  if (s == "listen") return Op::Listen;
  if (s == "connect") return Op::Connect;
  if (s == "send") return Op::Send;
  // shutdown(SHUT_WR) and close() send the same FIN after pending data, and a synack
  // socket keeps reading after either (a half-close): one op, two names.
  if (s == "close" || s == "shutdown") return Op::Close;
  if (s == "abort") return Op::Abort;
  if (s == "kill") return Op::Kill;
  if (s == "read") return Op::Read;
  if (s == "requests") return Op::Requests;
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& op_keys(Op op) {
  // Every action takes at, host, op and stagger (a host group's members act that far apart).
  static const std::vector<std::string> keys[] = {
      {"at", "host", "op", "stagger", "port", "backlog", "echo", "close_on_eof", "send_on_accept", "read", "keepalive",
       "idle_timeout"},                                                                                     // listen
      {"at", "host", "op", "stagger", "to", "port", "local_port", "read", "keepalive", "close_on_eof"},      // connect
      {"at", "host", "op", "stagger", "bytes", "socket"},                                                   // send
      {"at", "host", "op", "stagger", "socket"},                                                            // close, shutdown
      {"at", "host", "op", "stagger", "socket"},                                                            // abort
      {"at", "host", "op", "stagger"},                                                                      // kill
      {"at", "host", "op", "stagger", "bytes", "socket"},                                                   // read
      {"at", "host", "op", "stagger", "to", "port", "count", "bytes", "mode", "gap"},                        // requests
      {"at", "host", "socket", "to", "port", "src_port", "flags", "seq", "ack", "window", "len", "options",
       "checksum"},                                                                                         // [[segment]]
  };
  return keys[static_cast<int>(op)];
}

bool Scenario::injected() const {
  return std::any_of(actions.begin(), actions.end(), [](const ActionSpec& a) { return a.op == Op::Segment; });
}

namespace {

// One [[segment]] table: a hand-made segment (engine/host/handmade.hpp).
void read_segment(Reader& r, ActionSpec& a, const std::string& what) {
  host::HandmadeSegment& g = a.segment;
  if (auto v = r.integer("socket", 1, 1000000)) g.socket = static_cast<int>(*v);
  if (auto v = r.str("to")) {
    auto ip = wire::Ipv4Addr::parse(*v);
    if (!ip) r.fail(*r.get("to"), "'to' in " + what + " must be an IPv4 address such as \"10.0.0.2\", got \"" + *v + "\"");
    else g.to = *ip;
  }
  if (auto v = r.integer("port", 1, 65535)) g.port = static_cast<uint16_t>(*v);
  if (auto v = r.integer("src_port", 1, 65535)) g.src_port = static_cast<uint16_t>(*v);
  if (auto v = r.str("flags")) {
    auto f = host::parse_flags(*v);
    if (!f) r.fail(*r.get("flags"), "'flags' in " + what + " must name flags such as \"RST\" or \"SYN,ACK\" (SYN, ACK, FIN, RST, PSH, URG, ECE, CWR, or \"none\"), got \"" + *v + "\"");
    else g.flags = *f;
  } else {
    r.fail_here(what + " needs flags, e.g. flags = \"RST\"");
  }
  for (const char* key : {"seq", "ack"}) {
    const toml::node* n = r.get(key);
    if (!n) continue;
    std::optional<host::SeqValue> v;
    if (n->is_integer()) {
      const int64_t x = *n->value<int64_t>();
      if (x >= 0 && x <= 0xffffffffLL) v = host::SeqValue{host::SeqValue::Base::Absolute, x};
    } else if (auto str = n->value<std::string>()) {
      v = host::parse_seq_value(*str);
    }
    if (!v) r.fail(*n, std::string("'") + key + "' in " + what + " must be " + host::kSeqValueForms + ", e.g. \"rcv.nxt+1\"");
    else (std::string(key) == "seq" ? g.seq : g.ack) = *v;
  }
  if (auto v = r.integer("window", 0, 65535)) g.window = static_cast<uint16_t>(*v);
  if (auto v = r.integer("len", 0, 1460)) g.len = static_cast<uint32_t>(*v);
  if (const toml::node* n = r.get("options")) {
    const toml::array* arr = n->as_array();
    if (!arr) r.fail(*n, "'options' in " + what + " must be a list of strings, e.g. [\"mss=1460\", \"nop\"]");
    for (size_t i = 0; arr && i < arr->size(); ++i) {
      const toml::node& item = *arr->get(i);
      auto str = item.value<std::string>();
      const Result<wire::Bytes, std::string> bytes =
          str ? host::parse_option(*str)
              : Result<wire::Bytes, std::string>(Err(std::string("each option must be a string: ") + host::kOptionForms));
      if (!bytes) {
        r.fail(item, "'options' in " + what + ", item " + std::to_string(i + 1) + ": " + bytes.error());
        break;
      }
      g.options.insert(g.options.end(), bytes->begin(), bytes->end());
    }
    if (g.options.size() > 40)
      r.fail(*n, "'options' in " + what + " hold " + std::to_string(g.options.size()) +
                     " bytes; a TCP header has room for 40");
  }
  if (auto v = r.str("checksum")) {
    if (*v == "bad") g.bad_checksum = true;
    else if (*v != "good") r.fail(*r.get("checksum"), "'checksum' in " + what + " must be \"good\" or \"bad\", got \"" + *v + "\"");
  }
  if (!r.error && g.to && g.port == 0) r.fail_here(what + ": a segment sent 'to' an address needs a 'port'");
  if (!r.error && g.to && g.src_port == 0) r.fail_here(what + ": a segment sent 'to' an address needs a 'src_port'");
  if (!r.error && g.to && g.socket) r.fail_here(what + ": name either a 'socket' or 'to', not both");
  if (!r.error && !g.to && (g.port || g.src_port))
    r.fail_here(what + ": 'port' and 'src_port' go with 'to'; without it the socket's four-tuple is used");
}

}  // namespace

Result<Scenario, ScenarioError> parse_scenario(std::string_view toml_text, const std::string& file_name) {
  if (auto e = check_toml_text(toml_text, file_name)) return Err(*e);
  toml::parse_result parsed = toml::parse(toml_text, file_name);
  if (!parsed) {
    const toml::parse_error& e = parsed.error();
    return Err(ScenarioError{file_name, static_cast<int>(e.source().begin.line),
                             "TOML syntax: " + std::string(e.description())});
  }
  return parse_scenario_table(parsed.table(), file_name, "the scenario");
}

namespace {

using Failure = std::optional<ScenarioError>;

// What [tcp] and [link] set for every host, before a host's own tables.
struct HostDefaults {
  tcp::TcpConfig tcp;
  TcpSource source;
  link::NicConfig nic;
};

// The top level's own keys and its [tcp] and [link] tables.
Failure read_top(Reader& top, Scenario& s, HostDefaults& d, const std::string& file_name) {
  if (auto v = top.str("name")) s.name = *v;
  if (auto v = top.integer("seed", 0, INT64_MAX)) s.seed = static_cast<uint64_t>(*v);
  if (auto v = top.duration("until")) s.until = sim::Time{0} + *v;
  if (const toml::table* t = top.table("tcp")) {
    Reader r(*t, "[tcp]", file_name, top.line());
    read_tcp(r, d.tcp, d.source);
    if (r.error) return r.error;
  }
  if (const toml::table* t = top.table("link")) {
    Reader r(*t, "[link]", file_name, top.line());
    if (auto v = r.duration("delay")) s.delay = *v;
    if (auto v = r.rate("rate")) s.rate_bps = *v;
    if (auto v = r.str("topology")) {
      if (*v == "switch") s.use_switch = true;
      else if (*v != "cable") r.fail_here("'topology' must be \"cable\" or \"switch\"");
    }
    r.check_unknown("delay, rate, topology");
    if (r.error) return r.error;
  }
  d.nic.rate_bps = s.rate_bps;
  if (d.tcp.no_time_wait || d.tcp.two_way_handshake) s.counterfactual = true;
  return std::nullopt;
}

// One [[host]] table, the `index`th, over the defaults; `count` is its group size.
Failure read_host(const toml::node& hn, int index, const HostDefaults& d, const std::string& file_name, HostSpec& h,
                  int& count) {
  const toml::table* ht = hn.as_table();
  if (!ht) return ScenarioError{file_name, line_of(hn), "each [[host]] must be a table"};
  Reader r(*ht, "[[host]] #" + std::to_string(index), file_name, line_of(hn));
  h.line = r.line();
  h.config.nic = d.nic;
  h.config.tcp = d.tcp;
  h.tcp_source = d.source;
  if (auto v = r.str("name")) h.config.name = *v;
  else r.fail_here("[[host]] #" + std::to_string(index) + " needs a name, e.g. name = \"client\"");
  if (auto v = r.str("ip")) {
    auto ip = wire::Ipv4Addr::parse(*v);
    if (!ip) r.fail(*r.get("ip"), "'ip' must be an IPv4 address such as \"10.0.0.1\", got \"" + *v + "\"");
    else h.config.ip = *ip;
  } else {
    r.fail_here("[[host]] '" + h.config.name + "' needs an ip, e.g. ip = \"10.0.0.1\"");
  }
  if (auto v = r.str("mac")) {
    auto mac = wire::MacAddr::parse(*v);
    if (!mac) r.fail(*r.get("mac"), "'mac' must look like \"02:00:00:00:00:01\", got \"" + *v + "\"");
    else h.config.mac = *mac;
  } else {
    // Locally administered addresses, one per host in file order.
    h.config.mac = wire::MacAddr{{0x02, 0, 0, 0, static_cast<uint8_t>(index >> 8), static_cast<uint8_t>(index)}};
  }
  if (auto v = r.str("arp")) {
    if (*v == "dynamic") h.config.dynamic_arp = true;
    else if (*v != "static") r.fail(*r.get("arp"), "'arp' must be \"static\" or \"dynamic\", got \"" + *v + "\"");
  }
  if (const toml::table* t = r.table("tcp")) {
    Reader tr(*t, "[host.tcp] of '" + h.config.name + "'", file_name, r.line());
    read_tcp(tr, h.config.tcp, h.tcp_source);
    if (tr.error) return tr.error;
  }
  if (const toml::table* t = r.table("nic")) {
    Reader nr(*t, "[host.nic] of '" + h.config.name + "'", file_name, r.line());
    read_nic(nr, h.config.nic);
    if (nr.error) return nr.error;
  }
  count = 1;
  if (auto v = r.integer("count", 1, 10000)) count = static_cast<int>(*v);
  if (count > 1 && r.get("mac")) r.fail(*r.get("mac"), "a host group (count > 1) gets its MACs assigned; drop 'mac'");
  r.check_unknown("name, ip, mac, arp, tcp, nic, count");
  return r.error;
}

// Every [[host]], a group (count > 1) expanded to name1..nameN at consecutive addresses.
// The first member keeps the group's place (so a two-host view shows it); the rest go
// after every [[host]].
Failure read_hosts(Reader& top, const HostDefaults& d, const std::string& file_name, Scenario& s) {
  const toml::node* hosts_node = top.get("host");
  const toml::array* hosts = hosts_node ? hosts_node->as_array() : nullptr;
  if (!hosts || hosts->empty())
    return ScenarioError{file_name, hosts_node ? line_of(*hosts_node) : 0,
                         "expected at least two [[host]] tables, each with name and ip"};
  int index = 0;
  std::vector<HostSpec> group_rest;
  for (const toml::node& hn : *hosts) {
    ++index;
    HostSpec h;
    int count = 1;
    if (Failure f = read_host(hn, index, d, file_name, h, count)) return f;
    if (h.config.tcp.no_time_wait || h.config.tcp.two_way_handshake) s.counterfactual = true;
    if (count == 1) {
      s.hosts.push_back(std::move(h));
      continue;
    }
    h.group = h.config.name;
    for (int m = 1; m <= count; ++m) {
      HostSpec member = h;
      member.config.name = h.group + std::to_string(m);
      member.config.ip = wire::Ipv4Addr{h.config.ip.v + static_cast<uint32_t>(m - 1)};
      member.config.mac = wire::MacAddr{{0x02, 1, 0, static_cast<uint8_t>(index), static_cast<uint8_t>(m >> 8),
                                         static_cast<uint8_t>(m)}};
      (m == 1 ? s.hosts : group_rest).push_back(std::move(member));
    }
  }
  for (HostSpec& h : group_rest) s.hosts.push_back(std::move(h));
  return std::nullopt;
}

// Across the hosts: names and addresses unique, at least two, a switch for more than two.
Failure check_hosts(const std::string& file_name, Scenario& s) {
  for (size_t i = 0; i < s.hosts.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      if (s.hosts[i].config.name == s.hosts[j].config.name)
        return ScenarioError{file_name, s.hosts[i].line, "host name '" + s.hosts[i].config.name + "' is used twice"};
      if (s.hosts[i].config.ip == s.hosts[j].config.ip)
        return ScenarioError{file_name, s.hosts[i].line, "IP " + s.hosts[i].config.ip.str() + " is used twice"};
    }
  if (s.hosts.size() < 2)
    return ScenarioError{file_name, s.hosts.front().line, "a scenario needs at least two [[host]] tables"};
  if (s.hosts.size() > 2) s.use_switch = true;  // more than two hosts need a switch
  return std::nullopt;
}

// The hosts as error messages list them, a group once.
std::string host_list(const Scenario& s) {
  std::string names;
  for (const HostSpec& h : s.hosts) {
    if (!h.group.empty() && h.config.name != h.group + "1") continue;
    names += (names.empty() ? "" : ", ") +
             (h.group.empty() ? h.config.name : h.group + " (a group: " + h.group + "1, " + h.group + "2, ...)");
  }
  return names;
}

bool names_host(const Scenario& s, const std::string& n) {
  return std::any_of(s.hosts.begin(), s.hosts.end(), [&](const HostSpec& h) { return h.config.name == n; });
}

// A host or a group.
bool names_host_or_group(const Scenario& s, const std::string& n) {
  return std::any_of(s.hosts.begin(), s.hosts.end(),
                     [&](const HostSpec& h) { return h.config.name == n || h.group == n; });
}

// The tables of an array key ([[fault]], ...), each read by `read`; `plural` says how the
// key is written when it is not an array.
template <class ReadOne>
Failure read_array(Reader& top, const char* key, const std::string& file_name, const char* written_as, ReadOne read) {
  const toml::node* node = top.get(key);
  if (!node) return std::nullopt;
  const toml::array* arr = node->as_array();
  if (!arr) return ScenarioError{file_name, line_of(*node), written_as};
  int i = 0;
  for (const toml::node& n : *arr) {
    ++i;
    const toml::table* t = n.as_table();
    if (!t) return ScenarioError{file_name, line_of(n), std::string("each [[") + key + "]] must be a table"};
    if (Failure f = read(*t, n, i)) return f;
  }
  return std::nullopt;
}

// One [[fault]], the `fi`th.
Failure read_fault(const toml::table& t, const toml::node& n, int fi, const std::string& file_name, Scenario& s) {
  Reader r(t, "[[fault]] #" + std::to_string(fi), file_name, line_of(n));
  FaultSpec f;
  if (auto v = r.str("name")) f.rule.name = *v;
  if (auto v = r.str("from")) {
    if (!names_host(s, *v)) r.fail(*r.get("from"), "'from' names no host: \"" + *v + "\"; hosts are " + host_list(s));
    f.from = *v;
  }
  if (auto v = r.str("match")) {
    auto m = link::parse_flag_match(*v);
    if (!m) r.fail(*r.get("match"), "'match' must be one of any, syn, syn-ack, ack, data, fin, rst; got \"" + *v + "\"");
    else f.rule.match.flags = *m;
  }
  if (auto v = r.integer("nth", 1, 1000000)) f.rule.match.nth = static_cast<uint32_t>(*v);
  if (const toml::node* pn = r.get("percent")) {
    auto pv = pn->value<double>();
    if (!pv || *pv < 0 || *pv > 100) r.fail(*pn, "'percent' must be a number from 0 to 100");
    else f.rule.match.chance_ppm = static_cast<uint32_t>(*pv * 10000 + 0.5);
  }
  if (auto v = r.integer("seq_from", 0, 0xffffffffLL)) f.rule.match.seq_from = static_cast<uint32_t>(*v);
  if (auto v = r.integer("seq_to", 0, 0xffffffffLL)) f.rule.match.seq_to = static_cast<uint32_t>(*v);
  if (auto v = r.duration("after")) f.rule.match.after = sim::Time{0} + *v;
  if (auto v = r.duration("before")) f.rule.match.before = sim::Time{0} + *v;
  if (auto v = r.str("action")) {
    auto a = link::parse_fault_action(*v);
    if (!a) r.fail(*r.get("action"), "'action' must be one of drop, delay, duplicate, reorder, corrupt, link-down; got \"" + *v + "\"");
    else f.rule.action.kind = *a;
  } else {
    r.fail_here("[[fault]] #" + std::to_string(fi) + " needs an action, e.g. action = \"drop\"");
  }
  if (auto v = r.duration("amount")) f.rule.action.amount = *v;
  if (auto v = r.integer("byte", 0, 65535)) f.rule.action.byte = static_cast<uint32_t>(*v);
  r.check_unknown("name, from, match, nth, percent, seq_from, seq_to, after, before, action, amount, byte");
  if (!r.error && (f.rule.action.kind == link::FaultActionKind::Delay ||
                   f.rule.action.kind == link::FaultActionKind::LinkDown) &&
      f.rule.action.amount.ns <= 0)
    r.fail_here("[[fault]] #" + std::to_string(fi) + ": action \"" + link::to_string(f.rule.action.kind) +
                "\" needs an amount, e.g. amount = \"500ms\"");
  if (r.error) return r.error;
  s.faults.push_back(std::move(f));
  return std::nullopt;
}

// An action's keys against its op: one the op does not use would be silently ignored,
// so the error names the op's own keys.
void check_op_keys(Reader& r, const toml::table& t, const ActionSpec& a, const std::string& op_name, int ai) {
  const std::vector<std::string>& takes = op_keys(a.op);
  for (const auto& [k, v] : t) {
    const std::string key(k.str());
    if (std::find(takes.begin(), takes.end(), key) != takes.end()) continue;
    std::string list;
    for (const std::string& x : takes) list += (list.empty() ? "" : ", ") + x;
    r.fail(v, "[[action]] #" + std::to_string(ai) + ": " + op_name + " does not take " + key + "; it takes: " + list);
    return;
  }
}

// One [[action]], the `ai`th.
Failure read_action(const toml::table& t, const toml::node& n, int ai, const std::string& file_name, Scenario& s) {
  Reader r(t, "[[action]] #" + std::to_string(ai), file_name, line_of(n));
  ActionSpec a;
  a.line = r.line();
  if (auto v = r.duration("at")) a.at = sim::Time{0} + *v;
  else r.fail_here("[[action]] #" + std::to_string(ai) + " needs a time, e.g. at = \"0s\"");
  if (auto v = r.str("host")) {
    if (!names_host_or_group(s, *v)) r.fail(*r.get("host"), "'host' names no host: \"" + *v + "\"; hosts are " + host_list(s));
    a.host = *v;
  } else {
    r.fail_here("[[action]] #" + std::to_string(ai) + " needs a host, one of " + host_list(s));
  }
  std::string op_name;
  if (auto v = r.str("op")) {
    op_name = *v;
    auto op = parse_op(*v);
    if (!op) r.fail(*r.get("op"), "'op' must be one of listen, connect, send, read, shutdown, close, abort, kill, requests; got \"" + *v + "\"");
    else a.op = *op;
  } else {
    r.fail_here("[[action]] #" + std::to_string(ai) + " needs an op: listen, connect, send, close, abort or kill");
  }
  if (auto v = r.integer("port", 1, 65535)) a.port = static_cast<uint16_t>(*v);
  if (auto v = r.integer("local_port", 1, 65535)) a.local_port = static_cast<uint16_t>(*v);
  if (auto v = r.str("to")) a.to = *v;
  if (auto v = r.integer("bytes", 0, int64_t{1} << 40)) a.bytes = static_cast<uint64_t>(*v);
  if (auto v = r.integer("socket", 1, 1000000)) a.socket = static_cast<int>(*v);
  if (auto v = r.integer("backlog", 1, 65535)) a.listen.backlog = static_cast<int>(*v);
  if (auto v = r.boolean("echo")) a.listen.echo = *v;
  if (auto v = r.boolean("close_on_eof")) a.listen.close_on_eof = *v;
  if (auto v = r.integer("send_on_accept", 0, int64_t{1} << 40)) a.listen.send_on_accept = static_cast<uint64_t>(*v);
  if (auto v = r.boolean("read")) a.read = a.listen.read = *v;
  if (auto v = r.boolean("keepalive")) a.keepalive = a.listen.keepalive = *v;
  if (auto v = r.duration("idle_timeout")) a.listen.idle_timeout = *v;
  if (auto v = r.integer("count", 1, 100000)) a.count = static_cast<int>(*v);
  if (auto v = r.str("mode")) {
    if (*v == "long") a.long_connection = true;
    else if (*v != "short") r.fail(*r.get("mode"), "'mode' must be \"short\" or \"long\", got \"" + *v + "\"");
  }
  if (auto v = r.duration("gap")) a.gap = *v;
  if (auto v = r.duration("stagger")) a.stagger = *v;
  r.check_unknown("at, host, op, port, local_port, to, bytes, socket, backlog, echo, close_on_eof, send_on_accept, "
                  "read, keepalive, idle_timeout, count, mode, gap, stagger");
  if (!r.error && !op_name.empty()) check_op_keys(r, t, a, op_name, ai);
  if (!r.error) {
    if ((a.op == Op::Listen || a.op == Op::Connect || a.op == Op::Requests) && a.port == 0)
      r.fail_here("[[action]] #" + std::to_string(ai) + ": this op needs a port");
    if (a.op == Op::Connect || a.op == Op::Requests) {
      if (a.to.empty()) r.fail_here("[[action]] #" + std::to_string(ai) + ": connect needs 'to', a host name or IP");
      else if (!names_host_or_group(s, a.to) && !wire::Ipv4Addr::parse(a.to))
        r.fail_here("[[action]] #" + std::to_string(ai) + ": 'to' is neither a host (" + host_list(s) +
                    ") nor an IPv4 address: \"" + a.to + "\"");
    }
    if ((a.op == Op::Send || a.op == Op::Requests || a.op == Op::Read) && a.bytes == 0)
      r.fail_here("[[action]] #" + std::to_string(ai) + ": this op needs bytes > 0");
  }
  if (r.error) return r.error;
  s.actions.push_back(std::move(a));
  return std::nullopt;
}

// One [[segment]], the `si`th: a hand-made segment, scheduled like an action.
Failure read_segment_table(const toml::table& t, const toml::node& n, int si, const std::string& file_name,
                           Scenario& s) {
  const std::string what = "[[segment]] #" + std::to_string(si);
  Reader r(t, what, file_name, line_of(n));
  ActionSpec a;
  a.op = Op::Segment;
  a.line = r.line();
  if (auto v = r.duration("at")) a.at = sim::Time{0} + *v;
  else r.fail_here(what + " needs a time, e.g. at = \"100ms\"");
  if (auto v = r.str("host")) {
    if (!names_host(s, *v)) r.fail(*r.get("host"), "'host' names no host: \"" + *v + "\"; hosts are " + host_list(s));
    a.host = *v;
  } else {
    r.fail_here(what + " needs a host, the one whose NIC sends it: one of " + host_list(s));
  }
  read_segment(r, a, what);
  std::string keys;
  for (const std::string& k : op_keys(Op::Segment)) keys += (keys.empty() ? "" : ", ") + k;
  r.check_unknown(keys.c_str());
  if (r.error) return r.error;
  s.actions.push_back(std::move(a));
  return std::nullopt;
}

}  // namespace

Result<Scenario, ScenarioError> parse_scenario_table(const toml::table& root, const std::string& file_name,
                                                     const std::string& where) {
  Scenario s;
  s.file = file_name;
  Reader top(root, where, file_name, 1);
  HostDefaults defaults;
  auto each = [&](auto read) {
    return [&, read](const toml::table& t, const toml::node& n, int i) { return read(t, n, i, file_name, s); };
  };
  Failure f = read_top(top, s, defaults, file_name);
  if (!f) f = read_hosts(top, defaults, file_name, s);
  if (!f) f = check_hosts(file_name, s);
  if (!f) f = read_array(top, "fault", file_name, "faults are written as [[fault]] tables", each(read_fault));
  if (!f) f = read_array(top, "action", file_name, "actions are written as [[action]] tables", each(read_action));
  if (!f)
    f = read_array(top, "segment", file_name, "hand-made segments are written as [[segment]] tables",
                   each(read_segment_table));
  if (f) return Err(*f);
  top.check_unknown("name, seed, until, tcp, link, host, fault, action, segment");
  if (top.error) return Err(*top.error);
  return s;
}

namespace {

// The socket an action means: the one it names, or the host's newest non-listening socket.
int pick_socket(const host::Host& h, int wanted) {
  if (wanted) return wanted;
  const auto& socks = h.sockets();
  for (auto it = socks.rbegin(); it != socks.rend(); ++it)
    if (!it->listening) return it->id;
  return 0;
}

// Schedules one action on one host. `kill` closes every socket as the kernel does for a
// process that dies: a FIN each, or a RST where unread data would be lost.
void schedule_action(world::World& world, host::Host& host, const ActionSpec& a, sim::Time when) {
  world::World* wp = &world;
  host::Host* h = &host;
  world.at(when, [wp, h, a] {
    auto address_of = [wp](const std::string& to) {
      if (host::Host* peer = wp->find_host(to)) return peer->config().ip;
      return *wire::Ipv4Addr::parse(to);
    };
    switch (a.op) {
      case Op::Listen: h->listen(a.port, a.listen); break;
      case Op::Connect:
        h->connect(address_of(a.to), a.port,
                   {.local_port = a.local_port, .read = a.read, .keepalive = a.keepalive, .close_on_eof = a.listen.close_on_eof});
        break;
      case Op::Read: h->read(pick_socket(*h, a.socket), a.bytes); break;
      case Op::Requests:
        h->start_requests({.server = address_of(a.to), .port = a.port, .count = a.count, .bytes = a.bytes,
                           .long_connection = a.long_connection, .gap = a.gap});
        break;
      case Op::Send: h->send(pick_socket(*h, a.socket), a.bytes); break;
      // Without a socket, close and abort act on every connection of the host, never
      // on its listeners: a server that closes its connections keeps accepting. Name the
      // listening socket (socket = 1 when it was the host's first) to close it.
      case Op::Close:
      case Op::Abort:
        if (a.socket) {
          if (a.op == Op::Close) h->close(a.socket);
          else h->abort(a.socket);
          break;
        }
        for (const host::SocketInfo& si : std::vector<host::SocketInfo>(h->sockets())) {
          if (si.done || si.listening) continue;
          if (a.op == Op::Close) h->close(si.id);
          else h->abort(si.id);
        }
        break;
      case Op::Kill: h->close_all(); break;
      case Op::Segment: {
        host::HandmadeSegment g = a.segment;
        if (!g.to) g.socket = pick_socket(*h, g.socket);
        h->inject(g);
        break;
      }
    }
  });
}

}  // namespace

Scenario with_profile(const Scenario& s, tcp::Profile p) {
  Scenario out = s;
  for (HostSpec& h : out.hosts) {
    tcp::TcpConfig c = tcp::TcpConfig::of(p);
    for (const std::string& key : h.tcp_source.keys)
      for (const TcpKey& k : kTcpKeys)
        if (key == k.name) k.copy(h.config.tcp, c);
    h.config.tcp = c;
    h.tcp_source.profile = p;
  }
  return out;
}

std::optional<tcp::Profile> profile_of(const Scenario& s) {
  if (s.hosts.empty()) return std::nullopt;
  const tcp::Profile p = s.hosts.front().tcp_source.profile;
  for (const HostSpec& h : s.hosts)
    if (h.tcp_source.profile != p) return std::nullopt;
  return p;
}

const char* profile_key(tcp::Profile p) { return p == tcp::Profile::Linux ? "linux" : "rfc"; }

std::unique_ptr<world::World> build_world(const Scenario& s, std::optional<uint64_t> seed) {
  auto w = std::make_unique<world::World>(seed.value_or(s.seed));
  std::vector<host::Host*> hosts;
  for (const HostSpec& h : s.hosts) hosts.push_back(&w->add_host(h.config));
  if (s.use_switch) {
    w->add_switch(s.rate_bps, 1000);
    for (host::Host* h : hosts) w->connect_to_switch(*h, s.delay);
  } else {
    w->connect(*hosts[0], *hosts[1], s.delay);
  }
  w->fill_neighbour_tables();
  for (const FaultSpec& f : s.faults) {
    link::FaultRule rule = f.rule;
    if (!f.from.empty()) rule.match.from_host = w->find_host(f.from)->id();
    w->faults().push_back(rule);
  }
  // The hosts an action names: one host, or every member of a group in order.
  auto targets = [&](const std::string& name) {
    std::vector<host::Host*> out;
    for (const HostSpec& h : s.hosts)
      if (h.config.name == name || h.group == name) out.push_back(w->find_host(h.config.name));
    std::stable_sort(out.begin(), out.end(), [](host::Host* x, host::Host* y) { return x->id() < y->id(); });
    return out;
  };
  for (const ActionSpec& a : s.actions) {
    const std::vector<host::Host*> hs = targets(a.host);
    for (size_t i = 0; i < hs.size(); ++i) schedule_action(*w, *hs[i], a, a.at + a.stagger * static_cast<int64_t>(i));
  }
  return w;
}

}  // namespace synack::scenario
