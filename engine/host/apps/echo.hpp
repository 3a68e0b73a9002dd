#pragma once
// The echo server: every byte received goes back to its sender.
#include <cstddef>

#include "host/apps/test_pattern.hpp"
#include "host/stack.hpp"

namespace synack::host::apps {

class Echo {
 public:
  Echo(Stack& stack, PatternSender& sender) : stack_(stack), sender_(sender) {}
  void data(int sock, size_t bytes);

 private:
  Stack& stack_;
  PatternSender& sender_;
};

}  // namespace synack::host::apps
