#pragma once
// A host's kernel: NIC + IPv4 (static or ARP-learnt neighbours) + TCP connections
// demultiplexed by four-tuple + listeners + the socket API. It runs no application:
// the one it is given (a SocketApp) hears each socket's events and makes the calls.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "host/handmade.hpp"
#include "host/socket.hpp"
#include "link/context.hpp"
#include "link/nic.hpp"
#include "sim/rng.hpp"
#include "tcp/connection.hpp"
#include "wire/arp.hpp"
#include "wire/ipv4.hpp"

namespace synack::host {

struct HostConfig {
  std::string name;
  wire::MacAddr mac;
  wire::Ipv4Addr ip;
  link::NicConfig nic;       // nic.mac is set from mac
  tcp::TcpConfig tcp;
  std::map<wire::Ipv4Addr, wire::MacAddr> neighbours;  // static ARP entries
  bool dynamic_arp = false;  // resolve unknown neighbours with ARP requests (RFC 826)
};

class Stack {
 public:
  Stack(link::Context ctx, uint16_t id, HostConfig cfg, uint64_t seed);
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;
  ~Stack();

  // The application process that hears every socket's events (it must outlive the stack's use).
  void set_app(SocketApp* app) { app_ = app; }

  // --- socket API ---
  int listen(uint16_t port, int backlog, bool keepalive);
  int connect(wire::Ipv4Addr dst, uint16_t port, std::optional<uint16_t> local_port, bool keepalive);
  // send() as the application calls it, for `bytes` bytes: traced, and false when it is
  // refused (EPIPE after close, no connection). The bytes then go in with write().
  bool send(int sock, uint64_t bytes);
  // Moves up to `bytes` bytes into the send buffer as room allows; fill(out, n, offset)
  // writes the n bytes at stream offset `offset`. Returns how many went in.
  using Fill = std::function<void(uint8_t* out, size_t n, uint64_t offset)>;
  uint64_t write(int sock, uint64_t bytes, const Fill& fill);
  void read(int sock, uint64_t bytes);  // takes up to `bytes` of what waits in the receive buffer
  // close(); `idle` > 0: made by an application's idle timeout of that length. With
  // `more_to_write` (the application still has bytes for write()), the FIN waits for
  // finish_close(); returns true then.
  bool close(int sock, sim::Duration idle = {}, bool more_to_write = false);
  void finish_close(int sock);
  void abort(int sock);  // SO_LINGER 0: RST
  // Puts a hand-made segment on the cable from this host's NIC, bypassing its TCP. False
  // (and a trace note saying why) when it cannot be built: no such connection, no neighbour.
  bool inject(const HandmadeSegment& h);

  // --- what applications need besides sockets: the clock, the event queue, the trace ---
  sim::Time now() const { return ctx_.now(); }
  void later(sim::Time at, sim::Action fn);
  void trace(trace::TraceEvent e) { record(std::move(e)); }

  const HostConfig& config() const { return cfg_; }
  uint16_t id() const { return id_; }
  link::Nic& nic() { return nic_; }
  const link::Nic& nic() const { return nic_; }
  const std::vector<SocketInfo>& sockets() const { return sockets_; }
  const SocketInfo* socket(int id) const;
  // Live connection of a socket, if any (for the host panel and tests).
  const tcp::Connection* connection(int sock) const;
  size_t connection_count() const { return conns_.size(); }
  size_t memory_bytes() const { return mem_total_; }
  // The TCP settings every connection of this host reads (changes reach live ones too).
  tcp::TcpConfig& tcp_config() { return cfg_.tcp; }
  void add_neighbour(wire::Ipv4Addr ip, wire::MacAddr mac) { cfg_.neighbours[ip] = mac; }

 private:
  struct Conn;
  class ConnEnv;
  class Entry;

  // ip.cpp: IP and ARP input and output, demultiplexing.
  void receive_frame(uint32_t frame_id);
  void receive_tcp(const wire::Ipv4Addr& src, const wire::Ipv4Addr& dst, const wire::TcpSegment& seg);
  // why: ResetNoListener or ResetListenerAck.
  void reply_rst(const wire::Ipv4Addr& src, const wire::TcpSegment& seg, trace::FrameNoteKind why);
  void output(const tcp::FourTuple& t, const wire::TcpSegment& seg, const trace::FrameNote& note);
  void send_ip_frame(wire::MacAddr mac, const wire::Ipv4Header& ip, const wire::TcpSegment& seg,
                     const trace::FrameNote& note);
  void receive_arp(const wire::ArpPacket& arp);

  // Makes the connection of socket `sock`, registered (demux, memory, keepalive) but not yet
  // opened; its ISS from the ISN generator unless one is given.
  Conn* new_connection(const tcp::FourTuple& t, int sock, int listener, std::optional<uint32_t> iss = {});
  // The connection has ended: it leaves the demux table, the memory count and the
  // connection table at once; the object is destroyed when the outermost Entry ends.
  void retire_connection(int sock);
  void app_sees_eof(int sock);  // recv() returns 0
  void record(trace::TraceEvent e);
  void record_memory();
  void account(int sock);  // brings memory_bytes() up to date with one connection
  // After any call into a connection: record its variables if they changed.
  void record_tcb(int sock);
  int new_socket();
  bool valid(int id) const { return id >= 1 && static_cast<size_t>(id) <= sockets_.size(); }
  SocketInfo& sock(int id) { return sockets_[static_cast<size_t>(id - 1)]; }

  link::Context ctx_;
  uint16_t id_;
  HostConfig cfg_;
  link::Nic nic_;
  sim::Rng rng_;
  uint64_t isn_secret_;
  uint16_t next_ip_id_;
  uint16_t next_ephemeral_ = 49152;
  SocketApp* app_ = nullptr;
  std::vector<SocketInfo> sockets_;
  std::map<uint16_t, int> listeners_;        // port -> listening socket
  std::map<tcp::FourTuple, int> demux_;      // four-tuple -> socket
  size_t mem_total_ = 0;                     // sum of the connections' memory, kept as they change
  size_t mem_recorded_ = 0;                  // the total the trace last reported
  std::map<int, std::unique_ptr<Conn>> conns_;
  // Every way into the stack (a frame, a timer, a socket call) is an Entry; calls from
  // the application inside an event nest. A connection ends inside its own code (its
  // close() or on_segment() reports closed), so ended ones wait here until the
  // outermost Entry returns and nothing of theirs is on the call stack.
  int depth_ = 0;
  std::vector<std::unique_ptr<Conn>> ended_;
  // Dynamic ARP: segments waiting for a neighbour's MAC, by its IP.
  struct Waiting {
    wire::Ipv4Header ip;
    wire::TcpSegment seg;
    trace::FrameNote note;
  };
  std::map<wire::Ipv4Addr, std::vector<Waiting>> arp_waiting_;
  std::map<wire::Ipv4Addr, sim::Time> arp_asked_;  // when we last asked for each address
};

}  // namespace synack::host
