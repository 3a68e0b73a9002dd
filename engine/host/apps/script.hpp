#pragma once
// The scripted application process of a host: what a scenario's actions run. It drives
// the sockets only through the stack's socket API and hands each socket's events to
// the applications that socket was opened for (echo, close on EOF, an idle timeout,
// the request client; every sender writes and every receiver checks the test pattern).
#include <cstdint>
#include <map>
#include <optional>

#include "host/apps/close_on_eof.hpp"
#include "host/apps/echo.hpp"
#include "host/apps/idle_timeout.hpp"
#include "host/apps/request_client.hpp"
#include "host/apps/test_pattern.hpp"
#include "host/socket.hpp"
#include "host/stack.hpp"

namespace synack::host::apps {

struct ListenOptions {
  int backlog = 128;
  bool echo = false;          // send back every byte received
  bool close_on_eof = true;   // close our side when the peer's FIN arrives (read() == 0)
  uint64_t send_on_accept = 0;  // bytes to send as soon as a connection is accepted
  bool read = true;             // read data as it arrives; false: leave it (the window closes)
  bool keepalive = false;       // SO_KEEPALIVE on accepted connections
  // Non-zero: the server application closes an accepted connection once this long has
  // passed without data from the client (see IdleTimeout).
  sim::Duration idle_timeout{};
};

struct ConnectOptions {
  std::optional<uint16_t> local_port;
  bool read = true;
  bool keepalive = false;
  bool close_on_eof = true;  // false: the application never calls close() after the peer's FIN
};

class Script final : public SocketApp {
 public:
  explicit Script(Stack& stack);
  Script(const Script&) = delete;
  Script& operator=(const Script&) = delete;

  int listen(uint16_t port, ListenOptions opts);
  int connect(wire::Ipv4Addr dst, uint16_t port, ConnectOptions opts = {});
  void send(int sock, uint64_t bytes);      // sends `bytes` bytes of the test pattern
  void read(int sock, uint64_t bytes);      // reads up to `bytes` of what is buffered
  void close(int sock, sim::Duration idle = {});  // FIN after pending data (shutdown(SHUT_WR) + close)
  void abort(int sock);                     // SO_LINGER 0: RST
  void close_all();                         // the process exits: every socket closed
  void abort_all();                         // every socket reset
  void start_requests(RequestOptions opts) { requests_.start(opts); }
  int requests_done() const { return requests_.done(); }
  bool pattern_ok(int sock) const { return check_.ok(sock); }  // every byte received matched
  uint64_t unsent(int sock) const { return sender_.pending(sock); }  // handed to send(), not yet written

  // SocketApp
  void established(int sock) override;
  bool data(int sock, const wire::Bytes& bytes, uint64_t offset) override;
  void eof(int sock) override;
  void writable(int sock) override;
  void ended(int sock) override;

 private:
  // What the script does with one socket.
  struct Role {
    bool echo = false;
    bool close_on_eof = true;
    bool read = true;
    sim::Duration idle_timeout{};
  };
  // An accepted socket takes its listener's options the first time it is met (its
  // send_on_accept bytes then wait to be written): no event or call can reach it before.
  Role& role(int sock);

  Stack& stack_;
  PatternSender sender_;
  PatternCheck check_;
  Echo echo_;
  CloseOnEof close_on_eof_;
  IdleTimeout idle_;
  RequestClient requests_;
  std::map<int, ListenOptions> listening_;  // listening socket -> its options
  std::map<int, Role> roles_;
};

}  // namespace synack::host::apps
