#include "host/apps/echo.hpp"

namespace synack::host::apps {

void Echo::data(int sock, size_t bytes) {
  // The reply is the pattern at the same offsets: what the peer sent is what it expects back.
  sender_.queue(sock, bytes);
  // Reply after the current segment is processed, so its ACK can ride on the reply.
  PatternSender* s = &sender_;
  stack_.later(stack_.now(), [s, sock] { s->pump(sock); });
}

}  // namespace synack::host::apps
