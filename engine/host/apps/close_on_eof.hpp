#pragma once
// An application that closes its side when recv() returns 0 (the peer's FIN), as most
// servers do; one that never does leaves the connection in CLOSE-WAIT.
#include "host/apps/test_pattern.hpp"
#include "host/stack.hpp"

namespace synack::host::apps {

class CloseOnEof {
 public:
  CloseOnEof(Stack& stack, PatternSender& sender) : stack_(stack), sender_(sender) {}
  void eof(int sock);

 private:
  Stack& stack_;
  PatternSender& sender_;
};

}  // namespace synack::host::apps
