#pragma once
// A request/response client (T17): `count` requests of `bytes` each, waiting for the
// whole reply (an echo server sends the request back) before the next. Short mode opens
// a connection per request; long mode keeps one open for all of them.
#include <cstdint>
#include <optional>
#include <set>

#include "host/apps/test_pattern.hpp"
#include "host/stack.hpp"
#include "sim/time.hpp"
#include "wire/addr.hpp"

namespace synack::host::apps {

struct RequestOptions {
  wire::Ipv4Addr server;
  uint16_t port = 0;
  int count = 1;
  uint64_t bytes = 100;
  bool long_connection = false;
  sim::Duration gap{};  // think time between a reply and the next request
};

class RequestClient {
 public:
  RequestClient(Stack& stack, PatternSender& sender) : stack_(stack), sender_(sender) {}
  void start(RequestOptions opts);
  int done() const { return done_; }
  bool owns(int sock) const { return sockets_.count(sock) > 0; }  // its sockets never close on EOF
  void data(int sock);  // bytes of a reply arrived (and were read)

 private:
  void next();
  void reply_progress(int sock);
  Stack& stack_;
  PatternSender& sender_;
  std::optional<RequestOptions> opts_;
  int done_ = 0;
  int socket_ = 0;          // the connection carrying the current request
  std::set<int> sockets_;   // every connection it opened
};

}  // namespace synack::host::apps
