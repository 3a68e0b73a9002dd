#pragma once
// The scripted applications' writer and reader of the test pattern. The writer is a
// blocking send(): the application hands over N bytes at once and the writer feeds
// them to the socket as its send buffer makes room; a close() meanwhile waits for them
// (as close() after a blocking send() returns). The checker compares every arriving
// byte with the pattern at its stream offset.
#include <cstdint>
#include <map>
#include <set>

#include "host/stack.hpp"
#include "sim/time.hpp"
#include "wire/bytes.hpp"

namespace synack::host::apps {

class PatternSender {
 public:
  explicit PatternSender(Stack& stack) : stack_(stack) {}
  void send(int sock, uint64_t bytes);            // send(): traced, then written as room allows
  void queue(int sock, uint64_t bytes);           // more to write, without a send() call of its own
  void pump(int sock);                            // writes what the socket takes now
  void close(int sock, sim::Duration idle = {});  // close(), after the bytes still to write
  void forget(int sock) { pending_.erase(sock); }
  uint64_t pending(int sock) const;

 private:
  struct Pending {
    uint64_t bytes = 0;
    bool close = false;  // close() once the bytes are written
  };
  Stack& stack_;
  std::map<int, Pending> pending_;
};

class PatternCheck {
 public:
  void check(int sock, const wire::Bytes& bytes, uint64_t offset);
  bool ok(int sock) const { return !bad_.count(sock); }

 private:
  std::set<int> bad_;  // sockets that received a byte off the pattern
};

}  // namespace synack::host::apps
