#pragma once
// The socket API's two halves: what the kernel records about each socket, and the
// events a socket's application receives. Applications (host/apps/) hold their own
// state; the kernel knows nothing of echo servers or request clients.
#include <cstdint>
#include <optional>

#include "tcp/connection.hpp"
#include "wire/bytes.hpp"

namespace synack::host {

// The kernel's record of a socket: kept after the connection is gone.
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
  uint64_t bytes_sent = 0;      // accepted into the send buffer
  uint64_t bytes_received = 0;  // read by the application
  uint64_t unread = 0;          // in the receive buffer, not yet read
  bool app_closed = false;      // the application has called close() or abort()
  bool keepalive = false;       // SO_KEEPALIVE
  int backlog = 0;    // listeners: most connections waiting in SYN-RCVD
  int half_open = 0;  // listeners: connections of theirs in SYN-RCVD now
  int listener = 0;   // accepted sockets: the listening socket they came from
};

// What a host's application process hears about its sockets. The kernel calls these
// while it handles a segment, a timer or a call, with the connection part-way through
// it: an application may write from them (bytes written at once ride on the segment
// being built), but answers with close() or abort() from an event of its own
// (Stack::later at now), once the connection has finished with the segment. A
// connection that ends is never freed under a call into it: the kernel frees ended
// connections when its outermost entry returns.
class SocketApp {
 public:
  virtual ~SocketApp() = default;
  // The handshake completed: connect() returned, or accept() returned this socket.
  virtual void established(int sock) = 0;
  // In-order bytes arrived; `offset` is their position in the stream. Returns whether
  // the application reads them now (false: they wait in the receive buffer for read()).
  virtual bool data(int sock, const wire::Bytes& bytes, uint64_t offset) = 0;
  // recv() returned 0: the peer's FIN, after every byte before it was read.
  virtual void eof(int sock) = 0;
  // Acknowledged bytes left the send buffer: room for more.
  virtual void writable(int sock) = 0;
  // The connection ended (the reason is in the socket's record).
  virtual void ended(int sock) = 0;
};

}  // namespace synack::host
