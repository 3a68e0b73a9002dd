// synack-tap: one simulated synack host on a TAP device, with the Linux kernel's TCP as
// its peer, driven by the real clock. The engine is the same deterministic code the app
// runs; only this driver differs: simulated time follows a monotonic clock, and the
// host's cable ends in the TAP (tap_bridge.hpp).
//   synack-tap --tap tap0 --ip 10.77.0.2 [plan flags, see plan.hpp] [--loss PCT] [--msl D]
//              [--out DIR]   (DIR/synack.pcap: the engine's capture; DIR/trace.txt)
// Exit status 0 when the plan's expectations hold; otherwise a line says what did not.
#include <poll.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "plan.hpp"
#include "scenario/units.hpp"
#include "tap_bridge.hpp"
#include "trace/export.hpp"
#include "wire/frame.hpp"

namespace {

using namespace synack;

// The application on the synack host, moved along by what its socket has seen.
class App {
 public:
  App(host::Host& h, const interop::Plan& p) : host_(h), plan_(p) {}

  // `to`: the parsed --connect, if the plan connects (none and no --listen: no socket,
  // every SYN meets a RST).
  void start(const std::optional<std::pair<wire::Ipv4Addr, uint16_t>>& to) {
    if (plan_.listen) listener_ = host_.listen(plan_.listen, host::ListenOptions{.close_on_eof = false});
    else if (to) sock_ = host_.connect(to->first, to->second, {});
  }

  // One look at the socket after the world has moved; true once the connection is gone.
  bool poll() {
    if (!sock_ && listener_)
      for (const host::SocketInfo& s : host_.sockets())
        if (s.listener == listener_) sock_ = s.id;
    if (!sock_) return false;
    const host::SocketInfo& s = host_.sockets()[static_cast<size_t>(sock_ - 1)];
    if (s.connected && !sent_) {
      sent_ = true;
      if (plan_.send) host_.send(sock_, plan_.send);
      if (plan_.close == "first") host_.close(sock_);
    }
    if (s.peer_closed && !eof_seen_) {
      eof_seen_ = true;
      if (plan_.send_after_eof) host_.send(sock_, plan_.send_after_eof);
      if (plan_.close == "eof") host_.close(sock_);
    }
    if (plan_.close == "abort" && s.connected && !aborted_ && s.bytes_received >= plan_.expect) {
      aborted_ = true;
      host_.abort(sock_);
    }
    return s.done;
  }

  int socket() const { return sock_; }

 private:
  host::Host& host_;
  const interop::Plan& plan_;
  int listener_ = 0;
  int sock_ = 0;
  bool sent_ = false, eof_seen_ = false, aborted_ = false;
};

// "SYN-SENT -> ESTABLISHED -> ..." for one connection, and how long it sat in TIME-WAIT.
struct History {
  std::string path;
  double time_wait_ms = -1;
};

History history(const trace::Trace& t, uint16_t host, int sock) {
  History h;
  int64_t tw_start = -1;
  for (const trace::TraceEvent& e : t.events()) {
    const trace::StateChange* c = e.as<trace::StateChange>();
    if (!c || e.host != host || e.conn != static_cast<uint32_t>(sock)) continue;
    if (h.path.empty()) h.path = tcp::to_string(c->from);
    h.path += std::string(" -> ") + tcp::to_string(c->to);
    if (c->to == tcp::State::TimeWait) tw_start = e.t.ns;
    if (tw_start >= 0 && c->to == tcp::State::Closed) h.time_wait_ms = static_cast<double>(e.t.ns - tw_start) / 1e6;
  }
  return h;
}

int count_sent(const trace::Trace& t, uint16_t host, bool (*pred)(const wire::TcpSegment&, const trace::FrameNote&)) {
  int n = 0;
  for (const trace::TraceEvent& e : t.events()) {
    if (e.kind() != trace::Ev::FrameSent || e.host != host) continue;
    const trace::FrameRecord& f = t.frame(e.frame);
    auto d = wire::decode_frame(f.bytes, false);
    if (d && d->tcp && pred(*d->tcp, f.note)) ++n;
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"synack-tap: a synack host on a TAP device, the Linux kernel as its peer"};
  std::string tap_name = "tap0", ip_text = "10.77.0.2", mac_text = "02:00:00:00:77:02", out_dir, msl_text = "500ms";
  double loss_pct = 0;
  interop::Plan plan;
  cli.add_option("--tap", tap_name, "TAP device (made with ip tuntap add)");
  cli.add_option("--ip", ip_text, "the synack host's IPv4 address");
  cli.add_option("--mac", mac_text, "the synack host's MAC address");
  cli.add_option("--loss", loss_pct, "percent of frames dropped on the synack host's cable, both ways")
      ->check(CLI::Range(0.0, 100.0));
  cli.add_option("--msl", msl_text, "maximum segment lifetime; TIME-WAIT lasts twice this");
  cli.add_option("--out", out_dir, "folder for synack.pcap and trace.txt");
  interop::add_plan_options(cli, plan);
  CLI11_PARSE(cli, argc, argv);

  auto ip = wire::Ipv4Addr::parse(ip_text);
  auto mac = wire::MacAddr::parse(mac_text);
  auto msl = scenario::parse_duration(msl_text);
  if (!ip || !mac || !msl) {
    std::cerr << "synack-tap: bad --ip, --mac or --msl\n";
    return 2;
  }
  // Checked before the TAP device is made, so a typo leaves nothing behind.
  std::optional<std::pair<wire::Ipv4Addr, uint16_t>> connect_to;
  if (!plan.listen && !plan.connect.empty()) {
    const auto to = interop::parse_endpoint(plan.connect);
    const auto to_ip = to ? wire::Ipv4Addr::parse(to->ip) : std::nullopt;
    if (!to_ip) {
      std::cerr << "synack-tap: --connect wants IP:PORT, got " << plan.connect << "\n";
      return 2;
    }
    connect_to = std::pair{*to_ip, to->port};
  }
  auto tap = interop::TapDevice::open(tap_name);
  if (!tap) {
    std::cerr << "synack-tap: " << tap.error() << "\n";
    return 2;
  }

  world::World w(1);
  host::HostConfig cfg;
  cfg.name = "synack";
  cfg.mac = *mac;
  cfg.ip = *ip;
  cfg.dynamic_arp = true;  // the kernel's MAC is learnt by ARP, and ours given to it
  cfg.tcp = tcp::TcpConfig::linux_like();
  cfg.tcp.msl = *msl;
  cfg.nic.rate_bps = 1'000'000'000;
  host::Host& h = w.add_host(cfg);
  interop::TapBridge bridge(w, h, *tap);
  if (loss_pct > 0) {
    link::FaultRule r;
    r.name = "interop loss";
    r.match.chance_ppm = static_cast<uint32_t>(loss_pct * 10000);
    r.action.kind = link::FaultActionKind::Drop;
    w.faults().push_back(r);
  }

  App app(h, plan);
  app.start(connect_to);
  std::cout << "synack-tap: " << ip_text << " on " << tap_name << " ready" << std::endl;

  // Simulated time is the monotonic clock since start; the loop sleeps until the next
  // event is due or the kernel sends a frame, whichever is first.
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  auto wall = [&] {
    return sim::Time{std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - start).count()};
  };
  const sim::Time deadline = sim::Time{0} + sim::Duration{static_cast<int64_t>(plan.timeout_s * 1e9)};
  const bool socketless = !plan.listen && plan.connect.empty();
  std::optional<sim::Time> finished;  // when the connection ended; a moment more lets last frames out
  bool timed_out = false;
  for (;;) {
    w.run_until(wall());
    bridge.pump_in();
    w.run_until(wall());
    if (!finished && (app.poll() || (socketless && wall() >= deadline))) finished = w.now();
    if (finished && w.now() - *finished > sim::milliseconds(200)) break;
    if (!finished && w.now() >= deadline) {
      timed_out = true;
      break;
    }
    int wait_ms = 20;
    if (!w.queue().empty())
      wait_ms = static_cast<int>(std::clamp<int64_t>((w.queue().next_time() - wall()).ns / 1'000'000, 0, 20));
    pollfd pfd{tap->fd(), POLLIN, 0};
    ::poll(&pfd, 1, wait_ms);
  }

  const trace::Trace& t = w.trace();
  if (!out_dir.empty()) {
    std::filesystem::create_directories(out_dir);
    const wire::Bytes pcap = trace::to_pcap(t);
    std::ofstream(out_dir + "/synack.pcap", std::ios::binary)
        .write(reinterpret_cast<const char*>(pcap.data()), static_cast<std::streamsize>(pcap.size()));
    std::ofstream(out_dir + "/trace.txt") << trace::to_text(t);
  }

  const int rsts = count_sent(t, h.id(), [](const wire::TcpSegment& s, const trace::FrameNote&) { return s.has(wire::tcpflag::RST); });
  const int retrans = count_sent(t, h.id(), [](const wire::TcpSegment&, const trace::FrameNote& note) {
    return note.retransmission();
  });
  std::printf("synack-tap: frames to the kernel %llu, from the kernel %llu; RST sent %d; retransmissions %d\n",
              static_cast<unsigned long long>(bridge.counters().to_kernel),
              static_cast<unsigned long long>(bridge.counters().from_kernel), rsts, retrans);
  if (socketless) return 0;

  std::vector<std::string> problems;
  if (!app.socket()) {
    problems.push_back("no connection was ever made");
  } else {
    const host::SocketInfo& s = h.sockets()[static_cast<size_t>(app.socket() - 1)];
    const History hist = history(t, h.id(), app.socket());
    std::printf("synack-tap: states %s\n", hist.path.c_str());
    if (hist.time_wait_ms >= 0) std::printf("synack-tap: TIME-WAIT held %.0f ms (2*MSL)\n", hist.time_wait_ms);
    std::printf("synack-tap: sent %llu bytes, received %llu bytes%s%s\n",
                static_cast<unsigned long long>(s.bytes_sent), static_cast<unsigned long long>(s.bytes_received),
                h.pattern_ok(s.id) ? ", every byte as sent" : ", BYTES DIFFER from what was sent",
                s.error ? (std::string(", ended: ") + tcp::to_string(*s.error)).c_str() : "");
    if (timed_out) problems.push_back("timed out after " + std::to_string(plan.timeout_s) + " s in " + hist.path);
    if (!h.pattern_ok(s.id)) problems.push_back("received bytes differ from the pattern sent");
    // Our own abort ends the connection "aborted": that is the plan, not an error.
    const bool own_abort = plan.close == "abort" && s.error == tcp::CloseReason::Aborted;
    const std::string error = !s.error || own_abort ? "none"
                              : *s.error == tcp::CloseReason::Refused ? "refused"
                              : *s.error == tcp::CloseReason::Reset   ? "reset"
                                                                      : tcp::to_string(*s.error);
    if (error != plan.expect_error) problems.push_back("expected error " + plan.expect_error + ", got " + error);
    if (plan.expect_error == "none" && s.bytes_received != plan.expect)
      problems.push_back("expected " + std::to_string(plan.expect) + " bytes, received " +
                         std::to_string(s.bytes_received));
  }
  for (const std::string& p : problems) std::printf("synack-tap: FAIL: %s\n", p.c_str());
  return problems.empty() ? 0 : 1;
}
