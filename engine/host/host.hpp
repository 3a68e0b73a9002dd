#pragma once
// A simulated host: NIC + IPv4 (static neighbour table) + TCP connections demultiplexed
// by four-tuple + listeners + BSD-like sockets driven by scripted applications.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "link/context.hpp"
#include "link/nic.hpp"
#include "host/handmade.hpp"
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

struct ListenOptions {
  int backlog = 128;
  bool echo = false;          // send back every byte received
  bool close_on_eof = true;   // close our side when the peer's FIN arrives (read() == 0)
  uint64_t send_on_accept = 0;  // bytes to send as soon as a connection is accepted
  bool read = true;             // read data as it arrives; false: leave it (the window closes)
  bool keepalive = false;       // SO_KEEPALIVE on accepted connections
  // Non-zero: the server application closes an accepted connection once this long has
  // passed without data from the client (an application's idle timeout, not TCP's:
  // keepalive probes carry no data and do not count).
  sim::Duration idle_timeout{};
};

struct ConnectOptions {
  std::optional<uint16_t> local_port;
  bool read = true;
  bool keepalive = false;
  bool close_on_eof = true;  // false: the application never calls close() after the peer's FIN
};

// A request/response client (T17): `count` requests of `bytes` each, waiting for the
// whole reply (an echo server sends the request back) before the next. Short mode opens
// a connection per request; long mode keeps one open for all of them.
struct RequestOptions {
  wire::Ipv4Addr server;
  uint16_t port = 0;
  int count = 1;
  uint64_t bytes = 100;
  bool long_connection = false;
  sim::Duration gap{};  // think time between a reply and the next request
};

// What a socket's application has seen: kept after the connection is gone.
struct SocketInfo {
  int id = 0;
  bool listening = false;
  uint16_t port = 0;
  tcp::FourTuple tuple;
  bool connected = false;
  bool peer_closed = false;
  bool done = false;
  std::optional<tcp::CloseReason> error;  // refused, reset, timed out... (for a connection accept()
                                          // never returned, the kernel's record: its application hears nothing)
  uint64_t bytes_sent = 0;      // accepted by send()
  uint64_t bytes_received = 0;  // delivered in order
  uint64_t bytes_to_send = 0;   // still waiting for send-buffer room
  bool close_pending = false;   // close() once bytes_to_send drains
  bool app_closed = false;      // the application has called close() or abort()
  bool received_pattern_ok = true;  // every byte matched the sender's pattern
  bool echo = false;
  bool close_on_eof = true;
  int backlog = 0;  // listeners: most connections waiting in SYN-RCVD
  int half_open = 0;  // listeners: connections of theirs in SYN-RCVD now
  int listener = 0;   // accepted sockets: the listening socket they came from
  uint64_t send_on_accept = 0;
  bool auto_read = true;
  bool keepalive = false;
  uint64_t unread = 0;          // in the receive buffer, not yet read
  bool request_client = false;  // driven by the request/response client
  sim::Duration idle_timeout{};  // accepted sockets: see ListenOptions
  sim::Time last_data{};         // when data last arrived (or the connection was accepted)
  bool idle_watch = false;       // an idle check is scheduled
};

class Host {
 public:
  Host(link::Context ctx, uint16_t id, HostConfig cfg, uint64_t seed);
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;
  ~Host();

  // --- socket API (scripted applications call these) ---
  int listen(uint16_t port, ListenOptions opts);
  int connect(wire::Ipv4Addr dst, uint16_t port, ConnectOptions opts = {});
  void read(int sock, uint64_t bytes);      // the application reads up to `bytes` of what is buffered
  void start_requests(RequestOptions opts);  // runs a request/response client
  int requests_done() const { return requests_done_; }
  void send(int sock, uint64_t bytes);      // sends `bytes` bytes of the test pattern
  void close(int sock);                     // FIN after pending data (shutdown(SHUT_WR) + close)
  void close(int sock, sim::Duration idle);  // the same, made by an idle timeout of `idle`
  void abort(int sock);                     // SO_LINGER 0: RST
  void close_all();                         // the process exits: every socket closed
  void abort_all();                         // every socket reset
  // Puts a hand-made segment on the cable from this host's NIC, bypassing its TCP. False
  // (and a trace note saying why) when it cannot be built: no such connection, no neighbour.
  bool inject(const HandmadeSegment& h);

  const HostConfig& config() const { return cfg_; }
  uint16_t id() const { return id_; }
  link::Nic& nic() { return nic_; }
  const link::Nic& nic() const { return nic_; }
  const std::vector<SocketInfo>& sockets() const { return sockets_; }
  // Live connection of a socket, if any (for the host panel and tests).
  const tcp::Connection* connection(int sock) const;
  size_t connection_count() const { return conns_.size(); }
  size_t memory_bytes() const;
  // The TCP settings every connection of this host reads (changes reach live ones too).
  tcp::TcpConfig& tcp_config() { return cfg_.tcp; }
  void add_neighbour(wire::Ipv4Addr ip, wire::MacAddr mac) { cfg_.neighbours[ip] = mac; }

 private:
  struct Conn;
  class ConnEnv;

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
  void free_connection(int sock);
  void pump_app_send(int sock);
  void app_sees_eof(int sock);  // recv() returns 0: the application may close
  void record(trace::TraceEvent e);
  void record_memory();
  void account(int sock);  // brings memory_bytes() up to date with one connection
  // After any call into a connection: record its variables if they changed.
  void record_tcb(int sock);
  int new_socket();
  SocketInfo& sock(int id) { return sockets_[static_cast<size_t>(id - 1)]; }

  link::Context ctx_;
  uint16_t id_;
  HostConfig cfg_;
  link::Nic nic_;
  sim::Rng rng_;
  uint64_t isn_secret_;
  uint16_t next_ip_id_;
  uint16_t next_ephemeral_ = 49152;
  std::vector<SocketInfo> sockets_;
  std::map<uint16_t, int> listeners_;        // port -> listening socket
  std::map<tcp::FourTuple, int> demux_;      // four-tuple -> socket
  size_t mem_total_ = 0;                     // sum of the connections' memory, kept as they change
  size_t mem_recorded_ = 0;                  // the total the trace last reported
  std::map<int, std::unique_ptr<Conn>> conns_;
  std::vector<std::unique_ptr<Conn>> graveyard_;  // freed inside their own callbacks
  // Dynamic ARP: segments waiting for a neighbour's MAC, by its IP.
  struct Waiting {
    wire::Ipv4Header ip;
    wire::TcpSegment seg;
    trace::FrameNote note;
  };
  std::map<wire::Ipv4Addr, std::vector<Waiting>> arp_waiting_;
  std::map<wire::Ipv4Addr, sim::Time> arp_asked_;  // when we last asked for each address
  // The request/response client, if started.
  std::optional<RequestOptions> requests_;
  int requests_done_ = 0;
  int request_socket_ = 0;
  void request_next();
  void request_event(int sock);
  // The application's idle timeout: checks when the socket's quiet time would run out.
  void watch_idle(int sock);
};

// The byte a sender writes at stream offset i: receivers check what arrives against it.
inline uint8_t pattern_byte(uint64_t i) { return static_cast<uint8_t>('a' + (i % 26)); }
// The pattern from stream offset `offset` on, written or checked without a 64-bit
// division per byte (which WebAssembly pays for in full: it was a fifth of a bulk
// transfer's time in the browser).
inline void fill_pattern(uint8_t* out, size_t n, uint64_t offset) {
  unsigned k = static_cast<unsigned>(offset % 26);
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<uint8_t>('a' + k);
    if (++k == 26) k = 0;
  }
}
inline bool matches_pattern(const uint8_t* in, size_t n, uint64_t offset) {
  unsigned k = static_cast<unsigned>(offset % 26);
  bool ok = true;
  for (size_t i = 0; i < n; ++i) {
    ok &= in[i] == static_cast<uint8_t>('a' + k);
    if (++k == 26) k = 0;
  }
  return ok;
}

}  // namespace synack::host
