#pragma once
// A simulated machine: its kernel (the Stack: IP, ARP, TCP, sockets) and the scripted
// application process running on it (apps::Script). Scenarios, tests and views hold a
// Host; the calls below are the application's, or read the kernel's records.
#include <cstdint>
#include <utility>

#include "host/apps/script.hpp"
#include "host/stack.hpp"

namespace synack::host {

using apps::ConnectOptions;
using apps::ListenOptions;
using apps::RequestOptions;

class Host {
 public:
  Host(link::Context ctx, uint16_t id, HostConfig cfg, uint64_t seed)
      : stack_(ctx, id, std::move(cfg), seed), script_(stack_) {
    stack_.set_app(&script_);
  }
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // --- the scripted application ---
  int listen(uint16_t port, ListenOptions opts) { return script_.listen(port, opts); }
  int connect(wire::Ipv4Addr dst, uint16_t port, ConnectOptions opts = {}) { return script_.connect(dst, port, opts); }
  void read(int sock, uint64_t bytes) { script_.read(sock, bytes); }
  void start_requests(RequestOptions opts) { script_.start_requests(opts); }
  int requests_done() const { return script_.requests_done(); }
  void send(int sock, uint64_t bytes) { script_.send(sock, bytes); }
  void close(int sock) { script_.close(sock); }
  void abort(int sock) { script_.abort(sock); }
  void close_all() { script_.close_all(); }
  void abort_all() { script_.abort_all(); }
  bool pattern_ok(int sock) const { return script_.pattern_ok(sock); }
  uint64_t unsent(int sock) const { return script_.unsent(sock); }
  bool inject(const HandmadeSegment& h) { return stack_.inject(h); }

  // --- the kernel (its socket API for an application other than the script) ---
  Stack& stack() { return stack_; }
  const HostConfig& config() const { return stack_.config(); }
  uint16_t id() const { return stack_.id(); }
  link::Nic& nic() { return stack_.nic(); }
  const link::Nic& nic() const { return stack_.nic(); }
  const std::vector<SocketInfo>& sockets() const { return stack_.sockets(); }
  const tcp::Connection* connection(int sock) const { return stack_.connection(sock); }
  size_t connection_count() const { return stack_.connection_count(); }
  size_t memory_bytes() const { return stack_.memory_bytes(); }
  tcp::TcpConfig& tcp_config() { return stack_.tcp_config(); }
  void add_neighbour(wire::Ipv4Addr ip, wire::MacAddr mac) { stack_.add_neighbour(ip, mac); }

 private:
  Stack stack_;
  apps::Script script_;
};

}  // namespace synack::host
