#include "scenario/scenario.hpp"

#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <set>

#include "scenario/units.hpp"

namespace synack::scenario {

namespace {

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

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
    auto v = n->value<int64_t>();
    if (!v || !n->is_integer()) {
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

void read_tcp(Reader& r, tcp::TcpConfig& c) {
  if (auto p = r.str("profile")) {
    if (*p == "rfc") c = tcp::TcpConfig::rfc();
    else if (*p == "linux") c = tcp::TcpConfig::linux_like();
    else r.fail_here("'profile' must be \"rfc\" or \"linux\", got \"" + *p + "\"");
  }
  if (auto v = r.integer("mss", 88, 65495)) c.mss = static_cast<uint16_t>(*v);
  if (auto v = r.integer("recv_buffer", 1, 1 << 30)) c.recv_buffer = static_cast<uint32_t>(*v);
  if (auto v = r.integer("send_buffer", 1, 1 << 30)) c.send_buffer = static_cast<uint32_t>(*v);
  if (auto v = r.boolean("window_scaling")) c.window_scaling = *v;
  if (auto v = r.integer("window_shift", 0, 14)) c.window_shift = static_cast<uint8_t>(*v);
  if (auto v = r.boolean("sack")) c.sack_permitted = *v;
  if (auto v = r.boolean("timestamps")) c.timestamps = *v;
  if (auto v = r.duration("initial_rto")) c.initial_rto = *v;
  if (auto v = r.duration("min_rto")) c.min_rto = *v;
  if (auto v = r.duration("max_rto")) c.max_rto = *v;
  if (auto v = r.integer("syn_retries", 0, 100)) c.syn_retries = static_cast<int>(*v);
  if (auto v = r.integer("synack_retries", 0, 100)) c.synack_retries = static_cast<int>(*v);
  if (auto v = r.boolean("rst_on_synack_giveup")) c.rst_on_synack_giveup = *v;
  if (auto v = r.integer("data_retries", 0, 100)) c.data_retries = static_cast<int>(*v);
  if (auto v = r.duration("msl")) c.msl = *v;
  if (auto v = r.boolean("no_time_wait")) c.no_time_wait = *v;
  r.check_unknown(
      "profile, mss, recv_buffer, send_buffer, window_scaling, window_shift, sack, timestamps, initial_rto, "
      "min_rto, max_rto, syn_retries, synack_retries, rst_on_synack_giveup, data_retries, msl, no_time_wait");
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
  if (s == "close") return Op::Close;
  if (s == "abort") return Op::Abort;
  if (s == "kill") return Op::Kill;
  return std::nullopt;
}

}  // namespace

Result<Scenario, ScenarioError> parse_scenario(std::string_view toml_text, const std::string& file_name) {
  toml::parse_result parsed = toml::parse(toml_text, file_name);
  if (!parsed) {
    const toml::parse_error& e = parsed.error();
    return Err(ScenarioError{file_name, static_cast<int>(e.source().begin.line),
                             "TOML syntax: " + std::string(e.description())});
  }
  const toml::table& root = parsed.table();
  Scenario s;
  s.file = file_name;
  Reader top(root, "the scenario", file_name, 1);
  if (auto v = top.str("name")) s.name = *v;
  if (auto v = top.integer("seed", 0, INT64_MAX)) s.seed = static_cast<uint64_t>(*v);
  if (auto v = top.duration("until")) s.until = sim::Time{0} + *v;
  tcp::TcpConfig default_tcp;
  link::NicConfig default_nic;
  if (const toml::table* t = top.table("tcp")) {
    Reader r(*t, "[tcp]", file_name, top.line());
    read_tcp(r, default_tcp);
    if (r.error) return Err(*r.error);
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
    if (r.error) return Err(*r.error);
  }
  default_nic.rate_bps = s.rate_bps;

  // [[host]]
  const toml::node* hosts_node = top.get("host");
  const toml::array* hosts = hosts_node ? hosts_node->as_array() : nullptr;
  if (!hosts || hosts->empty())
    return Err(ScenarioError{file_name, hosts_node ? line_of(*hosts_node) : 0,
                             "expected at least two [[host]] tables, each with name and ip"});
  int index = 0;
  for (const toml::node& hn : *hosts) {
    ++index;
    const toml::table* ht = hn.as_table();
    if (!ht) return Err(ScenarioError{file_name, line_of(hn), "each [[host]] must be a table"});
    Reader r(*ht, "[[host]] #" + std::to_string(index), file_name, line_of(hn));
    HostSpec h;
    h.line = r.line();
    h.config.nic = default_nic;
    h.config.tcp = default_tcp;
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
      read_tcp(tr, h.config.tcp);
      if (tr.error) return Err(*tr.error);
    }
    if (const toml::table* t = r.table("nic")) {
      Reader nr(*t, "[host.nic] of '" + h.config.name + "'", file_name, r.line());
      read_nic(nr, h.config.nic);
      if (nr.error) return Err(*nr.error);
    }
    r.check_unknown("name, ip, mac, arp, tcp, nic");
    if (r.error) return Err(*r.error);
    for (const HostSpec& other : s.hosts) {
      if (other.config.name == h.config.name)
        return Err(ScenarioError{file_name, h.line, "host name '" + h.config.name + "' is used twice"});
      if (other.config.ip == h.config.ip)
        return Err(ScenarioError{file_name, h.line, "IP " + h.config.ip.str() + " is used twice"});
    }
    if (h.config.tcp.no_time_wait) s.counterfactual = true;
    s.hosts.push_back(std::move(h));
  }
  if (s.hosts.size() < 2)
    return Err(ScenarioError{file_name, s.hosts.front().line, "a scenario needs at least two [[host]] tables"});
  if (s.hosts.size() > 2 && !s.use_switch) s.use_switch = true;  // more than two hosts need a switch

  auto host_known = [&](const std::string& n) {
    for (const HostSpec& h : s.hosts)
      if (h.config.name == n) return true;
    return false;
  };
  std::string host_names;
  for (const HostSpec& h : s.hosts) host_names += (host_names.empty() ? "" : ", ") + h.config.name;

  // [[fault]]
  if (const toml::node* fn = top.get("fault")) {
    const toml::array* arr = fn->as_array();
    if (!arr) return Err(ScenarioError{file_name, line_of(*fn), "faults are written as [[fault]] tables"});
    int fi = 0;
    for (const toml::node& n : *arr) {
      ++fi;
      const toml::table* t = n.as_table();
      if (!t) return Err(ScenarioError{file_name, line_of(n), "each [[fault]] must be a table"});
      Reader r(*t, "[[fault]] #" + std::to_string(fi), file_name, line_of(n));
      FaultSpec f;
      if (auto v = r.str("name")) f.rule.name = *v;
      if (auto v = r.str("from")) {
        if (!host_known(*v)) r.fail(*r.get("from"), "'from' names no host: \"" + *v + "\"; hosts are " + host_names);
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
      if (r.error) return Err(*r.error);
      s.faults.push_back(std::move(f));
    }
  }

  // [[action]]
  if (const toml::node* an = top.get("action")) {
    const toml::array* arr = an->as_array();
    if (!arr) return Err(ScenarioError{file_name, line_of(*an), "actions are written as [[action]] tables"});
    int ai = 0;
    for (const toml::node& n : *arr) {
      ++ai;
      const toml::table* t = n.as_table();
      if (!t) return Err(ScenarioError{file_name, line_of(n), "each [[action]] must be a table"});
      Reader r(*t, "[[action]] #" + std::to_string(ai), file_name, line_of(n));
      ActionSpec a;
      a.line = r.line();
      if (auto v = r.duration("at")) a.at = sim::Time{0} + *v;
      else r.fail_here("[[action]] #" + std::to_string(ai) + " needs a time, e.g. at = \"0s\"");
      if (auto v = r.str("host")) {
        if (!host_known(*v)) r.fail(*r.get("host"), "'host' names no host: \"" + *v + "\"; hosts are " + host_names);
        a.host = *v;
      } else {
        r.fail_here("[[action]] #" + std::to_string(ai) + " needs a host, one of " + host_names);
      }
      if (auto v = r.str("op")) {
        auto op = parse_op(*v);
        if (!op) r.fail(*r.get("op"), "'op' must be one of listen, connect, send, close, abort, kill; got \"" + *v + "\"");
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
      r.check_unknown("at, host, op, port, local_port, to, bytes, socket, backlog, echo, close_on_eof");
      if (!r.error) {
        if ((a.op == Op::Listen || a.op == Op::Connect) && a.port == 0)
          r.fail_here("[[action]] #" + std::to_string(ai) + ": op \"" + (a.op == Op::Listen ? "listen" : "connect") +
                      "\" needs a port");
        if (a.op == Op::Connect) {
          if (a.to.empty()) r.fail_here("[[action]] #" + std::to_string(ai) + ": connect needs 'to', a host name or IP");
          else if (!host_known(a.to) && !wire::Ipv4Addr::parse(a.to))
            r.fail_here("[[action]] #" + std::to_string(ai) + ": 'to' is neither a host (" + host_names +
                        ") nor an IPv4 address: \"" + a.to + "\"");
        }
        if (a.op == Op::Send && a.bytes == 0)
          r.fail_here("[[action]] #" + std::to_string(ai) + ": send needs bytes > 0");
      }
      if (r.error) return Err(*r.error);
      s.actions.push_back(std::move(a));
    }
  }
  top.check_unknown("name, seed, until, tcp, link, host, fault, action");
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

}  // namespace

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
  world::World* wp = w.get();
  for (const ActionSpec& a : s.actions) {
    host::Host* h = w->find_host(a.host);
    w->at(a.at, [wp, h, a] {
      switch (a.op) {
        case Op::Listen: h->listen(a.port, a.listen); break;
        case Op::Connect: {
          wire::Ipv4Addr dst;
          if (host::Host* peer = wp->find_host(a.to)) dst = peer->config().ip;
          else dst = *wire::Ipv4Addr::parse(a.to);
          h->connect(dst, a.port, a.local_port);
          break;
        }
        case Op::Send: h->send(pick_socket(*h, a.socket), a.bytes); break;
        case Op::Close:
          if (a.socket) h->close(a.socket);
          else h->close_all();
          break;
        case Op::Abort:
          if (a.socket) h->abort(a.socket);
          else h->abort_all();
          break;
        case Op::Kill: h->close_all(); break;
      }
    });
  }
  return w;
}

}  // namespace synack::scenario
