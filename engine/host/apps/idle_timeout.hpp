#pragma once
// A server application's idle timeout: it closes a connection once it has been this
// long without data from the client. An application's timer, not TCP's: keepalive
// probes carry no data and do not count.
#include <map>

#include "host/apps/test_pattern.hpp"
#include "host/stack.hpp"
#include "sim/time.hpp"

namespace synack::host::apps {

class IdleTimeout {
 public:
  IdleTimeout(Stack& stack, PatternSender& sender) : stack_(stack), sender_(sender) {}
  void start(int sock, sim::Duration timeout);  // accepted: the quiet time counts from now
  void data(int sock);                          // data arrived: the quiet time starts again

 private:
  struct Watch {
    sim::Duration timeout{};
    sim::Time last_data{};
    bool scheduled = false;  // a check is pending
  };
  void watch(int sock);
  Stack& stack_;
  PatternSender& sender_;
  std::map<int, Watch> watches_;
};

}  // namespace synack::host::apps
